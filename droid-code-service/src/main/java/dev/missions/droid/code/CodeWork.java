package dev.missions.droid.code;

import dev.missions.droid.runtime.Attempt;
import dev.missions.droid.runtime.Edits;
import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import jakarta.enterprise.context.ApplicationScoped;

/** The code droid: the cast model implements the subtask in the workspace; the droid commits and pushes. */
@ApplicationScoped
public class CodeWork implements RoleWork {

    static final String INSTRUCTIONS = """
            Your role: code. Implement the subtask's instructions in the repository. Read the code you change \
            first. When review comments or failing tests are handed over, address every one of them. When the \
            repository has a build or tests, run them with run_command and fix what fails before you finish. Do \
            not commit: the droid commits and pushes your work when you answer.
            """;

    @Override
    public Role role() {
        return Role.CODE;
    }

    @Override
    public WorkResult perform(Attempt attempt) {
        return Edits.make(attempt, INSTRUCTIONS);
    }
}
