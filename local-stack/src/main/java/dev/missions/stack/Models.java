package dev.missions.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which models the local stack's droids run on: real ones when the environment holds a provider key or an
 * OpenAI-compatible base URL, else the recorded replies of the demo.
 */
public record Models(String provider, String model, String description) {

    private static final String[] ROLES = {"code", "test", "review", "docs"};

    public static Models fromEnvironment(Map<String, String> env) {
        String model = env.get("MISSIONS_MODEL");
        if (notBlank(env.get("ANTHROPIC_API_KEY"))) {
            return real("anthropic", model == null ? "claude-sonnet-4-5" : model);
        }
        if (notBlank(env.get("OPENAI_API_KEY")) || notBlank(env.get("OPENAI_BASE_URL"))) {
            return real("openai", model == null ? "gpt-4.1-mini" : model);
        }
        return new Models("replay", "recorded", "REPLAY: the droids run on recorded model replies "
                + "(samples/shop.replay.json), not on a live model. Set OPENAI_API_KEY, OPENAI_BASE_URL (Ollama, "
                + "vLLM) or ANTHROPIC_API_KEY, and MISSIONS_MODEL, to run the same mission on real models.");
    }

    private static Models real(String provider, String model) {
        return new Models(provider, model, "LIVE: every role is cast to " + provider + "/" + model);
    }

    public boolean replay() {
        return provider.equals("replay");
    }

    /** The coordinator's casting for every role. */
    public Map<String, String> castingConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String role : ROLES) {
            config.put("missions.casting." + role + ".provider", provider);
            config.put("missions.casting." + role + ".model", model);
        }
        return config;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
