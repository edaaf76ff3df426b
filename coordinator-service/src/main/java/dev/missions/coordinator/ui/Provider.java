package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenID Connect provider people sign in with, where one is configured: the same {@code quarkus.oidc.*} keys the API
 * verifies its tokens with. The dashboard is its client: it sends people to the provider's authorization endpoint and
 * trades the code for tokens at its token endpoint, both found by discovery at the first sign-in, not at startup.
 */
@ApplicationScoped
class Provider {

    /** What the token endpoint gave for a code. */
    record Tokens(String accessToken, String idToken, OptionalLong expiresIn) {

        @Override
        public String toString() {
            return "Tokens[expires in " + expiresIn + "]"; // never the tokens
        }
    }

    /** The endpoints discovery found. */
    record Endpoints(String issuer, URI authorization, URI token) {
    }

    /** The provider could not be used, or refused: the message is for the sign-in page. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean enabled;
    private final String authServerUrl;
    private final String clientId;
    private final Optional<String> secret;
    private final boolean secretInBody;
    private final String name;
    private final String scopes;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Endpoints endpoints;

    Provider(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> secret,
            @ConfigProperty(name = "quarkus.oidc.credentials.client-secret.method", defaultValue = "basic") String secretMethod,
            @ConfigProperty(name = "missions.ui.oidc.provider-name") Optional<String> name,
            @ConfigProperty(name = "missions.ui.oidc.scopes", defaultValue = "openid profile email") String scopes,
            ObjectMapper json) {
        if (authServerUrl.isPresent() && !tenantEnabled) {
            Log.warn("quarkus.oidc.auth-server-url is set but quarkus.oidc.tenant-enabled is false: Mission Control signs in"
                    + " with pasted API tokens and the API accepts no OIDC tokens");
        }
        this.enabled = tenantEnabled && authServerUrl.isPresent();
        this.authServerUrl = authServerUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).orElse("");
        if (enabled && clientId.isEmpty()) {
            throw new IllegalArgumentException("quarkus.oidc.client-id is needed for Mission Control's sign-in with "
                    + this.authServerUrl);
        }
        this.clientId = clientId.orElse("");
        this.secret = secret;
        this.secretInBody = "post".equalsIgnoreCase(secretMethod.strip());
        this.name = name.orElseGet(() -> enabled ? URI.create(this.authServerUrl).getHost() : "");
        // the code flow is OpenID Connect only with the openid scope: without it there is no ID token to carry the nonce
        this.scopes = (" " + scopes + " ").contains(" openid ") ? scopes.strip() : ("openid " + scopes).strip();
        this.json = json;
    }

    /** Whether people sign in here instead of pasting a token. */
    boolean enabled() {
        return enabled;
    }

    /** As the sign-in button names it. */
    String name() {
        return name;
    }

    String clientId() {
        return clientId;
    }

    /** Where to send the person: the authorization request of {@code flow}, with PKCE (S256). */
    URI authorization(SignInFlow flow) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", flow.redirectUri());
        query.put("scope", scopes);
        query.put("state", flow.state());
        query.put("nonce", flow.nonce());
        query.put("code_challenge", flow.challenge());
        query.put("code_challenge_method", "S256");
        String endpoint = endpoints().authorization().toString();
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query));
    }

    /** The tokens for {@code code}, which the provider sent back to {@code flow}'s redirect URI. */
    Tokens exchange(String code, SignInFlow flow) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", flow.redirectUri());
        body.put("code_verifier", flow.verifier());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints().token()).timeout(MissionsApi.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (secret.isPresent() && !secretInBody) {
            String pair = encode(clientId) + ":" + encode(secret.get());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.put("client_id", clientId);
            secret.ifPresent(value -> body.put("client_secret", value));
        }
        JsonNode reply = send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), "token");
        String access = reply.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new Refused(name + " sent no access token");
        }
        JsonNode expiresIn = reply.path("expires_in");
        return new Tokens(access, reply.path("id_token").asText(""),
                expiresIn.canConvertToLong() ? OptionalLong.of(expiresIn.asLong()) : OptionalLong.empty());
    }

    /** The provider's endpoints, discovered once; a failed discovery is tried again at the next sign-in. */
    Endpoints endpoints() {
        Endpoints found = endpoints;
        if (found == null) {
            JsonNode metadata = send(HttpRequest.newBuilder(URI.create(authServerUrl + "/.well-known/openid-configuration"))
                    .timeout(MissionsApi.TIMEOUT).header("Accept", "application/json").GET().build(), "discovery");
            String issuer = metadata.path("issuer").asText("");
            String authorization = metadata.path("authorization_endpoint").asText("");
            String token = metadata.path("token_endpoint").asText("");
            if (issuer.isEmpty() || authorization.isEmpty() || token.isEmpty()) {
                throw new Refused(name + " does not offer the authorization code flow (its discovery document lacks an endpoint)");
            }
            found = new Endpoints(issuer, URI.create(authorization), URI.create(token));
            endpoints = found;
        }
        return found;
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = read(response.body());
            if (response.statusCode() != 200 || !body.isObject()) {
                // the provider's error code, never its free text: it is shown on the page
                Log.warnf("%s: %s request answered %d %s", authServerUrl, what, response.statusCode(), body.path("error").asText(""));
                throw new Refused(name + " refused the sign-in (" + SignInFlow.errorCode(body.path("error").asText("")) + ")");
            }
            return body;
        } catch (IOException e) {
            Log.warnf("%s: %s request failed: %s", authServerUrl, what, e.getMessage());
            throw new Refused(name + " cannot be reached. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("The sign-in was interrupted. Try again.");
        }
    }

    /** A JSON body; anything else (an HTML error page) as an empty one. */
    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createArrayNode(); // no object: refused, and no error code to show
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
