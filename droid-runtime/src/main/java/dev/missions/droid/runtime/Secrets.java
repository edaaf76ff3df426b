package dev.missions.droid.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The one redaction policy of a droid: the values that must never leave this process. They are the values the
 * operator lists ({@code missions.droid.secrets}), and every config or environment value whose name says it is a
 * key, token, secret, password or JAAS login ({@code *.jaas.config}, {@code KAFKA_SASL_JAAS_CONFIG}), with the
 * password inside such a login masked on its own too. Tools, the test runner, transcripts, logs and events all
 * mask through it.
 */
public final class Secrets {

    public static final String MASK = "[REDACTED]";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(api[-_.]?key|token|secret|password|passwd|credential|private[-_.]?key|jaas).*");
    /** The password of a JAAS login line, which may leak apart from the line. */
    private static final Pattern JAAS_PASSWORD = Pattern.compile("(?i)password\\s*=\\s*\"([^\"]+)\"");
    /** Shorter values would mask ordinary words; real secrets are longer. */
    private static final int MIN_LENGTH = 8;

    private final List<String> values;

    private Secrets(Set<String> found) {
        // longest first, so a secret that contains another is masked whole
        this.values = found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Whether a config key or environment variable of this name holds a secret. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    public static Secrets from(Config config, Map<String, String> environment) {
        Set<String> found = new TreeSet<>();
        config.getOptionalValues("missions.droid.secrets", String.class).ifPresent(found::addAll);
        for (String name : config.getPropertyNames()) {
            if (SECRET_NAME.matcher(name).matches()) {
                try {
                    config.getOptionalValue(name, String.class).ifPresent(found::add);
                } catch (RuntimeException unresolvable) {
                    // a value that cannot be expanded cannot be logged either
                }
            }
        }
        environment.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                found.add(value);
            }
        });
        for (String value : List.copyOf(found)) {
            Matcher password = JAAS_PASSWORD.matcher(value == null ? "" : value);
            while (password.find()) {
                found.add(password.group(1));
            }
        }
        found.removeIf(value -> value == null || value.strip().length() < MIN_LENGTH);
        return new Secrets(found);
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : values) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public int size() {
        return values.size();
    }
}
