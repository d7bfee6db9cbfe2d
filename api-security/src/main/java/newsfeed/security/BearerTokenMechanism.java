package newsfeed.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 §2.1) for Quarkus Security; {@link ApiTokenIdentityProvider}
 * checks the token. A request without the header stays anonymous, so open routes answer it; a route that needs a
 * token (the service's {@code quarkus.http.auth.permission.*}) then answers 401 with {@code WWW-Authenticate: Bearer}
 * whose {@code error_description} (RFC 6750 §3) says what is missing or wrong, and a JSON body that says the same.
 * A header that is present but wrong is refused on every route (Quarkus' proactive authentication), and so are two
 * {@code Authorization} headers (a singleton field, RFC 9110 §5.3: which one a proxy on the way reads is unknown).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Routing-context key of the reason a request did not authenticate, for the challenge. */
    static final String PROBLEM = "newsfeed.api.auth-problem";

    private static final String SCHEME = "Bearer";

    private final ApiTokens tokens;

    public BearerTokenMechanism(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        List<String> headers = context.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (headers.size() > 1) {
            // which one counts would be up to each proxy on the way: none does
            context.put(PROBLEM, "send one Authorization header, not " + headers.size() + " (RFC 9110 §5.3)");
            return Uni.createFrom().failure(new AuthenticationFailedException("several Authorization headers"));
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        if (header == null || header.isBlank()) {
            context.put(PROBLEM, tokens.configured()
                    ? "this route needs a token: send the header Authorization: Bearer <token>"
                    : "this route needs a token and the service has none: set NEWSFEED_API_TOKENS");
            return Uni.createFrom().nullItem();
        }
        if (!header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)
                || header.substring(SCHEME.length() + 1).isBlank()) {
            context.put(PROBLEM, "the Authorization header must be: Bearer <token>");
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer token"));
        }
        String token = header.substring(SCHEME.length() + 1).strip();
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String problem = context.get(PROBLEM);
        String value = SCHEME + " realm=\"newsfeed\"";
        if (problem != null) {
            // RFC 6750 §3: a quoted-string; the problems above hold no quote or backslash
            value += ", error_description=\"" + problem + "\"";
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", value));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return getChallenge(context).map(challenge -> {
            String problem = context.get(PROBLEM);
            var response = context.response().setStatusCode(challenge.status);
            challenge.getHeaders().forEach(response::putHeader);
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":\"" + (problem == null ? "this route needs a token" : problem) + "\"}\n");
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
