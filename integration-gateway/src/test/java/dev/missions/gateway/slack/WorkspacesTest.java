package dev.missions.gateway.slack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspacesTest {

    @Test
    void withNoListEveryWorkspaceMay() {
        assertTrue(Workspaces.allowed(Optional.empty(), "T0001"));
        assertTrue(Workspaces.allowed(Optional.empty(), null));
        assertTrue(Workspaces.allowed(Optional.of(List.of(" ", "")), "T9"), "blank entries are no list");
    }

    @Test
    void withAListOnlyItsWorkspacesMay() {
        Optional<List<String>> teams = Optional.of(List.of("T0001", " T0002 "));
        assertTrue(Workspaces.allowed(teams, "T0001"));
        assertTrue(Workspaces.allowed(teams, "T0002"));
        assertFalse(Workspaces.allowed(teams, "T0003"));
        assertFalse(Workspaces.allowed(teams, "t0001"), "team ids are compared exactly");
        assertFalse(Workspaces.allowed(teams, null), "a request that names no workspace");
        assertFalse(Workspaces.allowed(teams, ""));
    }
}
