package dev.missions.coordinator.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configuration side of crash points; dying at one is proven by the e2e CoordinatorCrashPointsIT. */
class CrashPointsTest {

    @Test
    void unsetMeansNothingIsArmedAndPassingAPointDoesNothing() {
        CrashPoints points = new CrashPoints(Optional.empty(), Optional.empty(), Duration.ofMillis(1));
        points.check(null);
        for (String point : CrashPoints.ALL) {
            assertFalse(points.armed(point), point);
            points.reach(point);
        }
        assertFalse(points.frozen());
    }

    @Test
    void onlyTheConfiguredPointsAreArmed() {
        CrashPoints points = new CrashPoints(Optional.of(List.of(" result.before-commit", "relay.after-send-before-mark ")),
                Optional.empty(), Duration.ofMillis(1));
        points.check(null);
        assertTrue(points.armed(CrashPoints.RESULT_BEFORE_COMMIT));
        assertTrue(points.armed(CrashPoints.RELAY_AFTER_SEND_BEFORE_MARK));
        assertFalse(points.armed(CrashPoints.DISPATCH_AFTER_COMMIT));
        points.reach(CrashPoints.DISPATCH_AFTER_COMMIT);
        assertFalse(points.frozen());
    }

    @Test
    void aMisspeltPointStopsTheStartInsteadOfTestingNothing() {
        CrashPoints points = new CrashPoints(Optional.of(List.of("result.after-comit")), Optional.empty(), Duration.ofMillis(1));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> points.check(null));
        assertTrue(refused.getMessage().contains("result.after-comit"), refused.getMessage());
    }
}
