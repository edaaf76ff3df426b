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
        return start(token, name, Instant.MAX);
    }

    /** A new session that ends with the token it holds, if that comes before the session's usual end. */
    Session start(String token, String name, Instant tokenExpires) {
        Instant end = clock.instant().plus(ttl);
        return new Session(token, name, tokenExpires.isBefore(end) ? tokenExpires : end, random(18));
    }

    /** Seconds until {@code session} ends: the cookie's Max-Age. */
    long secondsLeft(Session session) {
        return Math.max(0, Duration.between(clock.instant(), session.expires()).toSeconds());
    }

    /** What the cookie holds: IV, then the ciphertext of name, end, nonce and token. */
    String seal(Session session) {
        // name and nonce cannot hold a newline (token names and base64 have none); the token comes last and may hold anything
        return seal(PURPOSE, session.name() + "\n" + session.expires().getEpochSecond() + "\n" + session.nonce() + "\n"
                + session.token());
    }

    /** The session in the cookie, if it opens and has not ended. */
    Optional<Session> open(String cookie) {
        try {
            Optional<String> plain = open(PURPOSE, cookie);
            if (plain.isEmpty()) {
                return Optional.empty();
            }
            String[] parts = plain.get().split("\n", 4);
            Session session = new Session(parts[3], parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2]);
            return session.expires().isAfter(clock.instant()) ? Optional.of(session) : Optional.empty();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** {@code plain} sealed with this key for one use ({@code purpose}): it opens only for that use. */
    String seal(byte[] purpose, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value", e);
        }
    }

    /** What {@link #seal(byte[], String)} sealed for {@code purpose}, if {@code sealed} is that. */
    Optional<String> open(byte[] purpose, String sealed) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(purpose);
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty(); // altered, another key's, or not ours at all: nothing either way
        }
    }

    /** {@code bytes} random bytes, base64url: nonces, states and verifiers. */
    String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    Clock clock() {
        return clock;
    }

    /** Whether a form's {@code csrf} field is this session's, compared in constant time. */
    static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
