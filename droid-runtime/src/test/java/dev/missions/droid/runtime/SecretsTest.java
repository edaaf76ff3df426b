package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"droid\" password=\"kafka-pass-0123\";";

    private final SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
            "kafka.sasl.jaas.config", JAAS,
            "missions.droid.git.token", "ghp_token_from_config",
            "quarkus.datasource.password", "db-password-77",
            "missions.droid.secrets", "operator-listed-value",
            "missions.droid.role", "code"), "test", 100)).build();

    @Test
    void oneRuleForConfigAndEnvironmentIncludingJaasLoginsAndThePasswordInside() {
        Secrets secrets = Secrets.from(config, Map.of("KAFKA_SASL_JAAS_CONFIG", JAAS.replace("kafka-pass-0123", "env-pass-4567"),
                "SOME_API_KEY", "sk-from-environment", "HARMLESS", "visible-value"));

        String masked = secrets.mask(String.join(" | ", JAAS, "pw kafka-pass-0123", "env-pass-4567", "ghp_token_from_config",
                "db-password-77", "operator-listed-value", "sk-from-environment", "visible-value", "code"));

        for (String leaked : new String[] {"kafka-pass-0123", "env-pass-4567", "ghp_token_from_config", "db-password-77",
                "operator-listed-value", "sk-from-environment", "ScramLoginModule"}) {
            assertFalse(masked.contains(leaked), leaked + " in " + masked);
        }
        assertTrue(masked.endsWith("visible-value | code"), masked);
        assertTrue(Secrets.isSecretName("KAFKA_SASL_JAAS_CONFIG") && Secrets.isSecretName("sasl.jaas.config"));
    }

    @Test
    void aLoggedExceptionIsMaskedInItsMessageCauseAndSuppressedAndKeepsItsStack() {
        Secrets secrets = Secrets.from(config, Map.of());
        IllegalStateException original = new IllegalStateException("push failed with ghp_token_from_config",
                new java.io.IOException("auth db-password-77"));
        original.addSuppressed(new RuntimeException("also operator-listed-value"));

        Throwable logged = RedactedThrowable.of(original, secrets);

        var text = new java.io.StringWriter();
        logged.printStackTrace(new java.io.PrintWriter(text));
        String printed = text.toString();
        assertFalse(printed.contains("ghp_token_from_config") || printed.contains("db-password-77")
                || printed.contains("operator-listed-value"), printed);
        assertTrue(printed.startsWith("java.lang.IllegalStateException: push failed with [REDACTED]"), printed);
        assertTrue(printed.contains("Caused by: java.io.IOException: auth [REDACTED]"), printed);
        assertEquals(original.getStackTrace()[0], logged.getStackTrace()[0]);
        Exception clean = new IllegalStateException("nothing secret");
        assertTrue(RedactedThrowable.of(clean, secrets) == clean, "an exception without secrets is logged as it is");
    }
}
