package dev.missions.droid.runtime.cast;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.missions.events.Casting;
import dev.missions.events.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.TreeSet;

/** Turns a task's casting into a chat model, built per attempt since every task may name another model. */
@ApplicationScoped
public class ChatModels {

    private final ProviderConfig providers;

    public ChatModels(ProviderConfig providers) {
        this.providers = providers;
    }

    /** The provider a casting names, or an error naming the ones this droid knows; checked before any work. */
    public ProviderConfig.Provider provider(Casting casting) {
        String name = casting.getProvider().strip().toLowerCase(Locale.ROOT);
        ProviderConfig.Provider provider = providers.all().get(name);
        if (provider == null) {
            throw new UnknownProviderException("unknown provider '" + casting.getProvider() + "': this droid knows "
                    + new TreeSet<>(providers.all().keySet()) + " (missions.providers.<name>.*)");
        }
        if (casting.getModel() == null || casting.getModel().isBlank()) {
            throw new UnknownProviderException("the casting for provider '" + name + "' names no model");
        }
        return provider;
    }

    /** A model for {@code role}: a replay serves the role's part of its recording. */
    public ChatModel cast(Casting casting, Role role) {
        ProviderConfig.Provider provider = provider(casting);
        String name = casting.getProvider().strip().toLowerCase(Locale.ROOT);
        return switch (provider.kind().strip().toLowerCase(Locale.ROOT)) {
            case "openai" -> OpenAiChatModel.builder()
                    .baseUrl(required(name, "base-url", provider.baseUrl().orElse(null)))
                    // local servers (Ollama, vLLM) take any key; the client insists on one
                    .apiKey(provider.apiKey().filter(key -> !key.isBlank()).orElse("none"))
                    .modelName(casting.getModel())
                    .timeout(provider.timeout())
                    .maxRetries(provider.maxRetries())
                    .build();
            case "anthropic" -> new AnthropicChatModel(required(name, "base-url", provider.baseUrl().orElse(null)),
                    required(name, "api-key", provider.apiKey().filter(key -> !key.isBlank()).orElse(null)),
                    casting.getModel(), provider.timeout(), provider.maxRetries(), provider.maxOutputTokens());
            case "replay" -> ReplayChatModel.load(required(name, "script", provider.script().orElse(null)),
                    role.name().toLowerCase(Locale.ROOT));
            default -> throw new UnknownProviderException("provider '" + name + "' has unknown kind '"
                    + provider.kind() + "'; kinds: openai, anthropic, replay");
        };
    }

    private static String required(String provider, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new UnknownProviderException("provider '" + provider + "' is not usable: missions.providers."
                    + provider + "." + key + " is not set");
        }
        return value;
    }
}
