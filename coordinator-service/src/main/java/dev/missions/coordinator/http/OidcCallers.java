package dev.missions.coordinator.http;

import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Callers signed in at the OpenID Connect provider, where one is configured ({@code quarkus.oidc.auth-server-url} with
 * {@code quarkus.oidc.tenant-enabled=true}): quarkus-oidc verifies their access token (signature by the provider's
 * keys, issuer, expiry, audience if {@code quarkus.oidc.token.audience} is set) and names them by the principal claim
 * ({@code quarkus.oidc.token.principal-claim}; by default upn, then preferred_username, then sub). Without a provider
 * nothing of quarkus-oidc is called.
 */
@ApplicationScoped
public class OidcCallers {

    private final boolean enabled;
    private final Instance<TenantIdentityProvider> identities;
    private final ApiTokens tokens;

    public OidcCallers(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            Instance<TenantIdentityProvider> identities, ApiTokens tokens) {
        this.enabled = tenantEnabled && authServerUrl.isPresent();
        this.identities = identities;
        this.tokens = tokens;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The name of whoever holds this access token, if the provider issued it for us and it is still valid. */
    public Uni<Optional<String>> name(String accessToken) {
        return identities.get().authenticate(new AccessTokenCredential(accessToken))
                .map(identity -> acceptable(identity.getPrincipal().getName()))
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("an OIDC bearer token was refused: %s", failure.getMessage());
                    return Optional.empty();
                });
    }

    /**
     * A name a command may be recorded under: one an API token could have (so it cannot pass for a gateway's
     * {@code slack:…} actor), and not the name of an API token, which belongs to whoever holds that token.
     */
    private Optional<String> acceptable(String name) {
        if (name == null || !ApiTokens.NAME.matcher(name).matches() || tokens.names(name)) {
            Log.warnf("an OIDC caller was refused: the principal claim gives a name that %s",
                    name != null && tokens.names(name) ? "an API token holds" : "no command may be recorded under");
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
