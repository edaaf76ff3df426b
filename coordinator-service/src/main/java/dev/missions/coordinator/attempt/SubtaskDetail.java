package dev.missions.coordinator.attempt;

import dev.missions.coordinator.api.MissionView.SubtaskView;
import java.util.List;

/** A subtask with every attempt it has had, oldest first. */
public record SubtaskDetail(SubtaskView subtask, List<AttemptView> attempts) {
}
