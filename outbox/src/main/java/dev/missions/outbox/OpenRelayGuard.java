package dev.missions.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The guard of a service that brings none: the relay always runs. */
@DefaultBean
@ApplicationScoped
public class OpenRelayGuard implements RelayGuard {

    @Override
    public boolean halted() {
        return false;
    }

    @Override
    public void acknowledged() {
    }
}
