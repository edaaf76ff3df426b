package dev.missions.droid.runtime;

import dev.missions.droid.runtime.agent.AgentLimits;
import dev.missions.droid.runtime.agent.Transcript;
import dev.missions.droid.runtime.agent.UsageMeter;
import dev.missions.droid.runtime.cast.ChatModels;
import dev.missions.droid.runtime.cast.PriceTable;
import dev.missions.droid.runtime.sandbox.Sandbox;
import dev.missions.droid.runtime.sandbox.SandboxMeter;
import dev.missions.droid.runtime.tools.ToolConfig;
import dev.missions.droid.runtime.workspace.GitCredentials;
import dev.missions.droid.runtime.workspace.Workspace;
import dev.missions.events.SubtaskAssigned;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the {@link Attempt}s of this droid and remembers the newest attempt seen per subtask, so an attempt that
 * a newer one has superseded stops, and a late copy of an old attempt is not worked at all.
 */
@ApplicationScoped
public class Attempts {

    private static final int REMEMBERED = 10_000;

    record Settings(ToolConfig tools, AgentLimits agent, int checkpointEvery, Redaction redaction, Sandbox sandbox,
            String role, AllowedChanges changes, SandboxMeter meter, Tracer tracer) {
    }

    private final DroidConfig config;
    private final ChatModels models;
    private final PriceTable prices;
    private final Cancellations cancellations;
    private final Settings settings;
    private final Map<String, Integer> newest = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    });

    public Attempts(DroidConfig config, ChatModels models, PriceTable prices, Cancellations cancellations,
            Redaction redaction, Sandbox sandbox, RoleWork work, DroidMetrics metrics, Tracer tracer) {
        this.config = config;
        this.models = models;
        this.prices = prices;
        this.cancellations = cancellations;
        DroidConfig.WorkspaceLimits ws = config.workspace();
        this.settings = new Settings(ToolConfig.defaults().withCommandTimeout(ws.commandTimeout())
                .withMaxOutputBytes(ws.maxOutputBytes()),
                new AgentLimits(config.agent().maxSteps(), config.agent().maxTokens(), config.agent().maxPromptChars()),
                config.agent().checkpointEvery(), redaction, sandbox, config.role(),
                config.allowedPaths().map(globs -> AllowedChanges.only("the paths of missions.droid.allowed-paths", globs))
                        .orElseGet(work::allowedChanges),
                metrics, tracer);
    }

    /**
     * Records {@code task} as the newest attempt of its subtask; false when this attempt or a newer one was already
     * received here (a redelivery after a coordinator restart, or a stale copy).
     */
    boolean admit(SubtaskAssigned task) {
        int[] admitted = {0};
        newest.compute(task.getSubtaskId(), (id, seen) -> {
            if (seen == null || seen < task.getAttempt()) {
                admitted[0] = 1;
                return task.getAttempt();
            }
            return seen;
        });
        return admitted[0] == 1;
    }

    boolean superseded(SubtaskAssigned task) {
        Integer seen = newest.get(task.getSubtaskId());
        return seen != null && seen > task.getAttempt();
    }

    boolean missionCancelled(SubtaskAssigned task) {
        return cancellations.isCancelled(task.getMeta().getMissionId());
    }

    Attempt open(SubtaskAssigned task) {
        models.provider(task.getCasting());
        var workspace = task.getWorkspace();
        GitCredentials credentials = config.git().token()
                .map(token -> GitCredentials.token(config.git().username(), token)).orElseGet(GitCredentials::none)
                .onlyFor(workspace.getRepository(), config.git().hosts());
        Path transcriptFile = config.transcriptDir().resolve(task.getMeta().getMissionId())
                .resolve(task.getSubtaskId() + "-" + task.getAttempt() + ".jsonl");
        return new Attempt(task,
                () -> Workspace.open(workspace.getRepository(), workspace.getBaseBranch(), workspace.getMissionBranch(),
                        config.workspace().dir(), credentials, config.workspace().maxBytes()),
                () -> models.cast(task.getCasting(), task.getRole()),
                settings,
                () -> missionCancelled(task) || superseded(task),
                new UsageMeter(prices.of(task.getCasting().getProvider(), task.getCasting().getModel())),
                Transcript.toFile(transcriptFile, settings.redaction()));
    }
}
