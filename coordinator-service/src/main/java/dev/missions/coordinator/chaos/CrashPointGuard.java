package dev.missions.coordinator.chaos;

import dev.missions.outbox.RelayGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The relay stops once a crash point froze the process, and can die between the broker's ack and the mark. */
@ApplicationScoped
public class CrashPointGuard implements RelayGuard {

    @Inject
    CrashPoints crashPoints;

    @Override
    public boolean halted() {
        return crashPoints.frozen();
    }

    @Override
    public void acknowledged() {
        crashPoints.reach(CrashPoints.RELAY_AFTER_SEND_BEFORE_MARK);
    }
}
