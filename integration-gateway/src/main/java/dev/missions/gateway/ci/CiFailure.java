package dev.missions.gateway.ci;

import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.schemas.Metas;
import java.util.List;

/**
 * A red pipeline, as GitHub Actions or GitLab CI reports it, and the fix mission it asks for.
 *
 * @param missionKey one mission per (repository, head SHA, workflow): re-runs and redeliveries share it
 * @param reference  the run, e.g. {@code acme/app/actions/runs/42}, kept in the mission's origin
 */
public record CiFailure(Source source, String repositoryName, String repositoryUrl, String branch, String headSha,
        String workflow, String runUrl, String reference, String missionKey) {

    /** A failed job and the tail of its log (or why there is none). */
    public record FailedJob(String name, String url, String logTail) {
    }

    public MissionRequested mission(String missionId, List<FailedJob> jobs) {
        String shortSha = headSha.length() > 12 ? headSha.substring(0, 12) : headSha;
        StringBuilder context = new StringBuilder()
                .append("CI failed: ").append(workflow).append(" on ").append(repositoryName)
                .append(", branch ").append(branch).append(", commit ").append(headSha).append('\n')
                .append("Run: ").append(runUrl).append('\n');
        if (jobs.isEmpty()) {
            context.append("\nNo failed job's log could be read; open the run for details.\n");
        }
        for (FailedJob job : jobs) {
            context.append("\n### Failed job: ").append(job.name());
            if (job.url() != null) {
                context.append(" (").append(job.url()).append(')');
            }
            context.append("\n```\n").append(job.logTail()).append("\n```\n");
        }
        return MissionRequested.newBuilder()
                .setMeta(Metas.first(missionId))
                .setGoal("Make the failing " + workflow + " pipeline on " + branch + " pass again (commit " + shortSha
                        + "): find the cause in the failed jobs' logs and fix the code, not the checks.")
                .setTitle("Fix CI: " + workflow + " failed on " + branch)
                .setRepository(repositoryUrl)
                .setBaseBranch(branch)
                .setKind(MissionKind.CI_FIX)
                .setContext(context.toString())
                .setOrigin(SourceRef.newBuilder().setSource(source).setReference(reference).setUrl(runUrl).build())
                .build();
    }

    /** Whether the failure is on a branch a mission pushed: fixing it would start a loop. */
    public static boolean onMissionBranch(String branch, String missionBranchPrefix) {
        return branch.startsWith(missionBranchPrefix) || branch.startsWith("refs/heads/" + missionBranchPrefix);
    }
}
