package dev.missions.droid.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The values that must never leave this process: configured secrets, and every config or environment value whose
 * name says it is a key, token, secret or password.
 */
public final class Secrets {

    public static final String MASK = "[REDACTED]";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(api[-_.]?key|token|secret|password|passwd|credential|private[-_.]?key).*");
    /** Shorter values would mask ordinary words; real secrets are longer. */
    private static final int MIN_LENGTH = 8;

    private final List<String> values;

    private Secrets(Set<String> found) {
        // longest first, so a secret that contains another is masked whole
        this.values = found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
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
