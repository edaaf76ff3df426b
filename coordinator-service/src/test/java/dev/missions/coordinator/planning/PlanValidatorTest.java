package dev.missions.coordinator.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlanValidatorTest {

    static Plan plan(Plan.Step... steps) {
        return new Plan(List.of(new Plan.Milestone("m", List.of(steps))));
    }

    static Plan.Step step(String key, String role, String... dependsOn) {
        return new Plan.Step(key, role, key, "do " + key, List.of(), List.of(dependsOn));
    }

    @ParameterizedTest
    @EnumSource(MissionKind.class)
    void everyTemplateIsValid(MissionKind kind) {
        assertEquals(List.of(), PlanValidator.problems(PlanTemplates.forKind(kind, "goal")));
    }

    @Test
    void aDiamondIsValid() {
        assertEquals(List.of(), PlanValidator.problems(plan(step("a", "code"), step("b", "test", "a"), step("c", "docs", "a"),
                step("d", "review", "b", "c"))));
    }

    @Test
    void aCycleIsNamed() {
        List<String> problems = PlanValidator.problems(plan(step("a", "code"), step("b", "test", "a", "c"), step("c", "review", "b")));
        assertEquals(List.of("the plan has a cycle through b, c"), problems);
    }

    @Test
    void unknownRolesDependenciesAndDuplicatesAreNamed() {
        List<String> problems = PlanValidator.problems(plan(step("a", "poetry"), step("b", "code", "zzz"), step("b", "code"),
                step("c", "code", "c")));
        assertTrue(problems.contains("subtask 'a' has unknown role 'poetry'; roles are code, test, review, docs"), problems::toString);
        assertTrue(problems.contains("subtask 'b' depends on unknown subtask 'zzz'"), problems::toString);
        assertTrue(problems.contains("subtask key 'b' is used twice"), problems::toString);
        assertTrue(problems.contains("subtask 'c' depends on itself"), problems::toString);
    }

    @Test
    void anEmptyPlanAndAnOversizePlanAreRefused() {
        assertEquals(List.of("the plan has no subtasks"), PlanValidator.problems(new Plan(List.of())));
        assertEquals(List.of("the plan has no subtasks"), PlanValidator.problems(null));
        List<Plan.Step> many = new ArrayList<>();
        for (int i = 0; i <= PlanValidator.MAX_SUBTASKS; i++) {
            many.add(step("s" + i, "code"));
        }
        assertEquals(List.of("the plan has 41 subtasks; at most 40 are allowed"),
                PlanValidator.problems(plan(many.toArray(Plan.Step[]::new))));
    }

    @Test
    void aReplanMayDependOnKeptSubtasksButNotReuseTheirKeysAndStaysBounded() {
        List<Plan.Step> kept = List.of(step("code", "code"), step("docs", "docs", "code"));

        assertEquals(List.of(), PlanValidator.problems(kept, plan(step("fix", "code", "code"), step("test", "test", "fix", "docs"))));
        assertEquals(List.of("subtask key 'code' is used twice"), PlanValidator.problems(kept, plan(step("code", "code"))));
        assertEquals(List.of("subtask 'test' depends on unknown subtask 'review'"),
                PlanValidator.problems(kept, plan(step("test", "test", "review"))));
        assertEquals(List.of("the new plan has no subtasks"), PlanValidator.problems(kept, new Plan(List.of())));
        List<Plan.Step> many = new ArrayList<>();
        for (int i = 0; i < PlanValidator.MAX_SUBTASKS - 1; i++) {
            many.add(step("s" + i, "code"));
        }
        assertEquals(List.of("the plan has 41 subtasks; at most 40 are allowed"),
                PlanValidator.problems(kept, plan(many.toArray(Plan.Step[]::new))));
    }
}
