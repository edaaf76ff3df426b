package dev.missions.coordinator.planning.model;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The planner model. No chat memory: every call is one system + one user message, so the system prompt is the
 * same bytes at the start of every request (provider prompt caching). The system prompt has no template
 * variables, and the JSON example's braces are followed by a space, which Qute leaves as text.
 */
@RegisterAiService(modelName = "planner", chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface PlannerAi {

    String SYSTEM_PROMPT = """
            You are the planner of a team of software droids. You turn a mission (a goal on a git repository) into a \
            plan of subtasks, each done by one droid.

            Roles (use exactly these names):
            - code: changes the repository's source and commits it on the mission branch.
            - test: runs the repository's real build and tests on the mission branch and reports failures.
            - review: reviews the mission's diff against the goal.
            - docs: keeps README, docs and CHANGELOG in step with the change.

            Rules:
            - Every subtask has a key that is unique in the plan: lower-case letters, digits and dashes, e.g. "api-code".
            - dependsOn lists the keys of the subtasks that must succeed before this one starts. A subtask with no \
            dependencies starts at once; subtasks that do not depend on each other run in parallel. No cycles, no \
            subtask depending on itself, no unknown keys.
            - Milestones group subtasks for people; order comes only from dependsOn.
            - At most 40 subtasks. Prefer few, meaningful subtasks: usually code, then test, then review, then docs.
            - instructions tell the droid exactly what to do; acceptanceCriteria say how to tell it is done.

            Answer with JSON only, no prose and no code fence, in exactly this shape:
            { "milestones": [ { "title": "Build", "subtasks": [ { "key": "code", "role": "code", \
            "title": "Implement the change", "instructions": "...", "acceptanceCriteria": [ "..." ], \
            "dependsOn": [ ] } ] } ] }
            """;

    @SystemMessage(SYSTEM_PROMPT)
    String plan(@UserMessage String brief);
}
