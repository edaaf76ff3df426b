package dev.missions.coordinator.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * An OpenID Connect provider on a real port (WireMock): discovery, a JWKS with a key made for this run, and an
 * authorization endpoint that sends the browser back with a code and the state it was given. Tokens are stubbed by each
 * test ({@link TestProvider}), since they carry the nonce of the sign-in they answer.
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Oidc {
    }

    static final String REALM = "/realms/missions";
    static final String CLIENT = "missions-control";
    static final String SECRET = "client-secret-for-tests";

    private WireMockServer server;
    private TestProvider provider;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        provider = new TestProvider(server, server.baseUrl() + REALM);
        String issuer = provider.issuer();
        server.stubFor(get(urlPathEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/protocol/openid-connect/auth",
                 "token_endpoint": "%1$s/protocol/openid-connect/token", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]}
                """.formatted(issuer))));
        server.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/certs")).willReturn(okJson(provider.jwks())));
        // the person signs in at once: back to the redirect URI with a code named after the nonce, and the state as given
        server.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/auth")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=code-{{request.query.nonce}}"
                        + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", CLIENT,
                "quarkus.oidc.credentials.secret", SECRET,
                "quarkus.oidc.token.audience", CLIENT,
                "missions.ui.oidc.provider-name", "Example ID");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(provider, new TestInjector.AnnotatedAndMatchesType(Oidc.class, TestProvider.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
