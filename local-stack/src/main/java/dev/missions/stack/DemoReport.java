package dev.missions.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/** What a demo mission left behind, for a person: the branch and its commits, each subtask, the usage per role. */
final class DemoReport {

    private DemoReport() {
    }

    static void print(PrintStream out, JsonNode mission, String repository, Models models) {
        String branch = mission.path("missionBranch").asText();
        out.printf("mission %s %s%n", mission.path("id").asText(), mission.path("status").asText());
        if (!mission.path("blockedReason").isMissingNode() && !mission.path("blockedReason").isNull()) {
            out.println("  blocked: " + mission.path("blockedReason").asText());
        }
        out.println("subtasks:");
        for (JsonNode subtask : mission.path("subtasks")) {
            out.printf("  %-7s %-9s %s%n", subtask.path("role").asText().toLowerCase(), subtask.path("status").asText(),
                    subtask.path("summary").asText(""));
        }
        out.println("branch " + branch + " of " + repository + ":");
        commits(out, repository, branch);
        out.println("usage by role" + (models.replay() ? " (replay: tokens estimated at 4 characters each)" : "") + ":");
        mission.path("usageByRole").fields().forEachRemaining(role -> out.printf(
                "  %-7s %6d steps %9d tokens in %8d out %8d cached  $%.4f%n", role.getKey().toLowerCase(),
                role.getValue().path("steps").asLong(), role.getValue().path("inputTokens").asLong(),
                role.getValue().path("outputTokens").asLong(), role.getValue().path("cachedTokens").asLong(),
                role.getValue().path("costUsd").asDouble()));
        out.println(models.description());
    }

    private static void commits(PrintStream out, String repository, String branch) {
        try (Git git = Git.open(Path.of(URI.create(repository)).toFile())) {
            ObjectId head = git.getRepository().resolve("refs/heads/" + branch);
            ObjectId main = git.getRepository().resolve("refs/heads/main");
            if (head == null) {
                out.println("  (no commits pushed)");
                return;
            }
            for (RevCommit commit : git.log().addRange(main, head).call()) {
                out.printf("  %s %s%n", commit.getId().abbreviate(7).name(), commit.getShortMessage());
            }
        } catch (IOException | GitAPIException e) {
            out.println("  (cannot read the branch: " + e.getMessage() + ")");
        }
    }
}
