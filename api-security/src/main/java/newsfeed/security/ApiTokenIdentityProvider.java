package newsfeed.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a valid API token into an identity named {@code api-token-N}; any other token fails authentication. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiTokens tokens;

    public ApiTokenIdentityProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return tokens.check(request.getToken().getToken())
                .<Uni<SecurityIdentity>>map(name -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(name)).addRole("api").build()))
                .orElseGet(() -> {
                    RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
                    if (routing != null) {
                        routing.put(BearerTokenMechanism.PROBLEM, tokens.configured()
                                ? "the token is not valid" : "the service has no token: set NEWSFEED_API_TOKENS");
                    }
                    return Uni.createFrom().failure(new AuthenticationFailedException("invalid API token"));
                });
    }
}
