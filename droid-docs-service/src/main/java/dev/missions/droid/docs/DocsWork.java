package dev.missions.droid.docs;

import dev.missions.droid.runtime.AllowedChanges;
import dev.missions.droid.runtime.Attempt;
import dev.missions.droid.runtime.Edits;
import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import jakarta.enterprise.context.ApplicationScoped;

/** The docs droid: keeps README, docs and CHANGELOG in step with the change on the mission branch. */
@ApplicationScoped
public class DocsWork implements RoleWork {

    static final String INSTRUCTIONS = """
            Your role: docs. Read git_diff to see what this mission changed. Update the README, the docs and the \
            CHANGELOG for that change, in the repository's own style: follow the existing headings, tone and \
            format (for a CHANGELOG, add to its unreleased section). Change only documentation. Do not commit: the \
            droid commits and pushes your work when you answer.
            """;

    @Override
    public AllowedChanges allowedChanges() {
        return AllowedChanges.only("documentation paths", AllowedChanges.DOC_PATHS);
    }

    @Override
    public Role role() {
        return Role.DOCS;
    }

    @Override
    public WorkResult perform(Attempt attempt) {
        return Edits.make(attempt, INSTRUCTIONS);
    }
}
