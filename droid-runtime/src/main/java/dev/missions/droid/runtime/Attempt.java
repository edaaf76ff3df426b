package dev.missions.droid.runtime;

import dev.langchain4j.model.chat.ChatModel;
import dev.missions.droid.runtime.agent.AgentLimits;
import dev.missions.droid.runtime.agent.AgentLoop;
import dev.missions.droid.runtime.agent.AgentRun;
import dev.missions.droid.runtime.agent.AgentTools;
import dev.missions.droid.runtime.agent.AgentTracing;
import dev.missions.droid.runtime.agent.StepLog;
import dev.missions.droid.runtime.agent.ChangeTools;
import dev.missions.droid.runtime.agent.Toolbox;
import dev.missions.droid.runtime.agent.Transcript;
import dev.missions.droid.runtime.agent.UsageMeter;
import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import dev.missions.droid.runtime.tools.WorkspaceTools;
import dev.missions.droid.runtime.workspace.Workspace;
import dev.missions.events.SubtaskAssigned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One attempt of one subtask on this droid: its workspace (opened on first use, deleted at the end), its tools,
 * its agent runs on the cast model, and the progress the heartbeats report.
 */
public final class Attempt implements AgentLoop.Host, AutoCloseable {

    private final SubtaskAssigned task;
    private final Supplier<Workspace> opener;
    private final Supplier<ChatModel> caster;
    private final Attempts.Settings settings;
    private final BooleanSupplier stopped;
    private final UsageMeter usage;
    private final Transcript transcript;
    private final List<String> commits = new ArrayList<>();
    private final StepLog steps = new StepLog();
    private Workspace workspace;
    private WorkspaceTools tools;
    private volatile int step;

    Attempt(SubtaskAssigned task, Supplier<Workspace> opener, Supplier<ChatModel> caster, Attempts.Settings settings,
            BooleanSupplier stopped, UsageMeter usage, Transcript transcript) {
        this.task = task;
        this.opener = opener;
        this.caster = caster;
        this.settings = settings;
        this.stopped = stopped;
        this.usage = usage;
        this.transcript = transcript;
    }

    public SubtaskAssigned task() {
        return task;
    }

    public synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = opener.get();
        }
        return workspace;
    }

    public synchronized WorkspaceTools tools() {
        if (tools == null) {
            tools = new WorkspaceTools(workspace(), settings.tools(), settings.sandbox(), settings.meter());
        }
        return tools;
    }

    /**
     * Has the cast model work the workspace with the standard tools plus {@code extraTools} (objects with
     * {@code @Tool} methods, e.g. a role's way to hand in a verdict).
     */
    public AgentRun runAgent(String rolePrompt, String taskPrompt, Object... extraTools) {
        List<Object> all = new ArrayList<>();
        all.add(new AgentTools(tools()));
        if (settings.changes().changesFiles()) {
            all.add(new ChangeTools(tools()));
        }
        all.addAll(List.of(extraTools));
        return new AgentLoop(caster.get(), new Toolbox(all), limits(), this).run(rolePrompt, taskPrompt);
    }

    AgentLimits limits() {
        AgentLimits limits = settings.agent();
        if (task.getMaxSteps() != null && task.getMaxSteps() > 0) {
            limits = limits.withMaxSteps(task.getMaxSteps());
        }
        if (task.getBudget() != null && task.getBudget().getMaxTokens() != null) {
            limits = limits.withMaxTokens(Math.max(1, Math.min(limits.maxTokens(), task.getBudget().getMaxTokens())));
        }
        return limits;
    }

    /**
     * Commits the work tree as a checkpoint naming the mission and subtask, and pushes the mission branch, so any
     * instance can resume from here.
     *
     * @throws ChangesRefused when the work tree holds changes the role may not make: nothing is committed
     */
    public Optional<String> checkpoint(String what) {
        List<String> refused = settings.changes().refused(workspace().uncommittedPaths());
        if (!refused.isEmpty()) {
            settings.meter().refused(Refusal.CHANGES_NOT_ALLOWED);
            throw new ChangesRefused(settings.role(), settings.changes(), refused);
        }
        Optional<String> commit = workspace().checkpoint("mission " + task.getMeta().getMissionId() + " subtask "
                + task.getSubtaskId() + " attempt " + task.getAttempt() + ": " + what);
        commit.ifPresent(id -> {
            commits.add(id);
            workspace().push();
        });
        return commit;
    }

    /** Commits made by this attempt, oldest first. */
    public List<String> commits() {
        return List.copyOf(commits);
    }

    @Override
    public void afterStep(int step) {
        this.step = step;
        if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
            checkpoint("checkpoint at step " + step);
        }
    }

    @Override
    public boolean cancelled() {
        return stopped.getAsBoolean();
    }

    @Override
    public String redact(String text) {
        return settings.redaction().apply(text);
    }

    @Override
    public UsageMeter usage() {
        return usage;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public StepLog steps() {
        return steps;
    }

    @Override
    public AgentTracing tracing() {
        return new AgentTracing(settings.tracer(), task.getCasting().getProvider(), task.getCasting().getModel());
    }

    public int step() {
        return step;
    }

    @Override
    public synchronized void close() {
        transcript.close();
        if (workspace != null) {
            workspace.close();
        }
    }
}
