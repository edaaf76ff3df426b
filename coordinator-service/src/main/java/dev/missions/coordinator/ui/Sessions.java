package dev.missions.coordinator.ui;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stateless sessions: everything a session holds travels in the {@code missions_session} cookie, sealed with AES-GCM,
 * so any coordinator instance with the same key can read it and no server keeps session state. A cookie that was
 * altered, sealed with another key, or is past its end opens to nothing.
 */
@ApplicationScoped
class Sessions {

    static final String COOKIE = "missions_session";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // binds a sealed value to its use: a value sealed for anything else with this key does not open here
    private static final byte[] PURPOSE = "missions_session v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    Sessions(@ConfigProperty(name = "missions.ui.session-key") Optional<String> key,
            @ConfigProperty(name = "missions.ui.session-ttl", defaultValue = "12h") Duration ttl) {
        this(key.map(Sessions::decodeKey).orElseGet(Sessions::randomKey), ttl, Clock.systemUTC());
    }

    Sessions(SecretKey key, Duration ttl, Clock clock) {
        this.key = key;
        this.ttl = ttl;
        this.clock = clock;
    }

    static SecretKey decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("missions.ui.session-key must be base64 of 32 random bytes (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("missions.ui.session-key must be 32 bytes, got " + bytes.length
                    + " (openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey randomKey() {
        Log.warn("missions.ui.session-key is not set: Mission Control uses a random key, so every session ends when this"
                + " coordinator restarts, and instances do not share sessions");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    Duration ttl() {
        return ttl;
    }

    /** A new session for the holder of {@code token}. */
    Session start(String token, String name) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        return new Session(token, name, clock.instant().plus(ttl), Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** What the cookie holds: IV, then the ciphertext of name, end, nonce and token. */
    String seal(Session session) {
        // name and nonce cannot hold a newline (token names and base64 have none); the token comes last and may hold anything
        String plain = session.name() + "\n" + session.expires().getEpochSecond() + "\n" + session.nonce() + "\n" + session.token();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(PURPOSE);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a session", e);
        }
    }

    /** The session in the cookie, if it opens and has not ended. */
    Optional<Session> open(String cookie) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cookie);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(PURPOSE);
            String[] parts = new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8)
                    .split("\n", 4);
            Session session = new Session(parts[3], parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2]);
            return session.expires().isAfter(clock.instant()) ? Optional.of(session) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty(); // altered, another key's, or not ours at all: no session either way
        }
    }

    /** Whether a form's {@code csrf} field is this session's, compared in constant time. */
    static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
