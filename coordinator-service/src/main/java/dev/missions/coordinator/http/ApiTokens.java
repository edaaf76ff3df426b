package dev.missions.coordinator.http;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API's bearer tokens, each with the name of whoever holds it: {@code missions.api.tokens=ada=<secret>,gateway=<secret>}.
 * The name is who acts: it is recorded on every command sent with the token. Read once at startup, so a wrong entry
 * stops the coordinator with a message naming the entry (never its secret) instead of locking someone out later.
 */
@Startup
@ApplicationScoped
public class ApiTokens {

    /** No colon: the gateway's actors are {@code slack:…} and {@code linear:…}, and a token must not pass for one of them. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    record Token(String name, byte[] secret) {
    }

    private final List<Token> tokens;

    public ApiTokens(@ConfigProperty(name = "missions.api.tokens") Optional<List<String>> entries) {
        this.tokens = parse(entries.orElse(List.of()));
    }

    static List<Token> parse(List<String> entries) {
        List<Token> tokens = new ArrayList<>();
        Set<String> secrets = new HashSet<>();
        int position = 0;
        for (String entry : entries) {
            position++;
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).strip();
            String secret = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (equals < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("missions.api.tokens entry " + position + " has no valid name: write each "
                        + "token as name=secret, the name being who uses it (letters, digits, . _ @ -, at most 64)");
            }
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("missions.api.tokens entry " + position + " (" + name + ") has no secret");
            }
            // one secret, one person: otherwise a command could not say who sent it
            if (!secrets.add(secret)) {
                throw new IllegalArgumentException("missions.api.tokens entry " + position + " (" + name
                        + ") repeats the secret of an earlier entry: each name needs its own secret");
            }
            tokens.add(new Token(name, secret.getBytes(StandardCharsets.UTF_8)));
        }
        return List.copyOf(tokens);
    }

    public boolean none() {
        return tokens.isEmpty();
    }

    /** Whether {@code name} is a token's: no one signed in elsewhere may act under it. */
    public boolean names(String name) {
        return tokens.stream().anyMatch(token -> token.name().equals(name));
    }

    /** The name of the token presented, if it is one of ours; the comparison takes the same time whichever matches. */
    public Optional<String> holder(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        String holder = null;
        for (Token token : tokens) {
            // constant time, and no early exit, so timing tells nothing about the tokens (secrets are unique: one matches)
            if (MessageDigest.isEqual(bytes, token.secret())) {
                holder = token.name();
            }
        }
        return Optional.ofNullable(holder);
    }
}
