package dev.missions.droid.runtime.cast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code missions.providers.<name>.*}: where each provider a casting may name is served. The task names the
 * provider and the model; the endpoint and the key stay in the droid's own config.
 */
@ConfigMapping(prefix = "missions.providers")
public interface ProviderConfig {

    @WithParentName
    Map<String, Provider> all();

    interface Provider {
        /** The wire protocol: openai (OpenAI and compatible servers: vLLM, Ollama, LM Studio), anthropic, replay. */
        @WithDefault("openai")
        String kind();

        Optional<String> baseUrl();

        Optional<String> apiKey();

        @WithDefault("120s")
        Duration timeout();

        @WithDefault("2")
        int maxRetries();

        /** Output tokens per response, for protocols that require a cap (anthropic). */
        @WithDefault("8192")
        int maxOutputTokens();

        /** replay: the recorded replies, a file path or a classpath resource. */
        Optional<String> script();
    }
}
