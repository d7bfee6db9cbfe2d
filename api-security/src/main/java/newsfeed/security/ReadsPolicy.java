package newsfeed.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The HTTP security policy {@value #NAME} of the read routes: open, or, with
 * {@link ApiSecuritySettings#readsRequireToken()}, only for a caller with a valid token (anonymous callers get the
 * 401 challenge of {@link BearerTokenMechanism}). A service applies it with
 * {@code quarkus.http.auth.permission.<name>.policy=newsfeed-reads}.
 */
@ApplicationScoped
public class ReadsPolicy implements HttpSecurityPolicy {

    /** The policy's name in {@code quarkus.http.auth.permission.*.policy}. */
    public static final String NAME = "newsfeed-reads";

    private final boolean tokenRequired;

    public ReadsPolicy(ApiSecuritySettings settings) {
        this.tokenRequired = settings.readsRequireToken();
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        if (!tokenRequired) {
            return CheckResult.permit();
        }
        return identity.map(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
