package dev.missions.gateway.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who sends a delivery, told by the endpoint it comes in on: the label {@code provider}. The paths are the webhook
 * resources' own; a request to any other path (health, metrics, an unknown one) is no delivery.
 */
public enum Provider {
    LINEAR("/webhooks/linear"),
    GITHUB("/webhooks/github"),
    GITLAB("/webhooks/gitlab"),
    SLACK("/slack/commands", "/slack/interactions");

    private final List<String> paths;

    Provider(String... paths) {
        this.paths = List.of(paths);
    }

    static Optional<Provider> at(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Arrays.stream(values()).filter(provider -> provider.paths.contains(trimmed)).findFirst();
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
