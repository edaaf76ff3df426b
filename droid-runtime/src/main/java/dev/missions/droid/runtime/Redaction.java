package dev.missions.droid.runtime;

import dev.missions.events.SubtaskCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;

/** Masks this droid's secrets in everything it sends or records: events, transcripts and (see LogRedaction) logs. */
@ApplicationScoped
public class Redaction implements UnaryOperator<String> {

    private final Secrets secrets;

    public Redaction(Config config) {
        this.secrets = Secrets.from(config, System.getenv());
    }

    @Override
    public String apply(String text) {
        return secrets.mask(text);
    }

    SubtaskCompleted apply(SubtaskCompleted completed) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        completed.getArtifacts().forEach((k, v) -> artifacts.put(k, apply(v)));
        return SubtaskCompleted.newBuilder(completed)
                .setSummary(apply(completed.getSummary()))
                .setFailureReason(apply(completed.getFailureReason()))
                .setArtifacts(artifacts)
                .build();
    }
}
