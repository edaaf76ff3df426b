package dev.missions.droid.runtime;

import dev.missions.events.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this droid is: its role and an id that tells replicas apart on every result. */
@ApplicationScoped
public class DroidIdentity {

    private final Role role;
    private final String droidId;

    public DroidIdentity(@ConfigProperty(name = "missions.droid.role") String role,
            @ConfigProperty(name = "missions.droid.id") Optional<String> droidId) {
        this.role = Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        this.droidId = droidId.filter(id -> !id.isBlank()).orElseGet(() -> defaultId(this.role));
    }

    public Role role() {
        return role;
    }

    public String droidId() {
        return droidId;
    }

    /** role@host:pid, unique enough among the replicas of a deployment (a pod's hostname is its name). */
    static String defaultId(Role role) {
        String prefix = role.name().toLowerCase(Locale.ROOT) + "@";
        try {
            return prefix + InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return prefix + UUID.randomUUID();
        }
    }
}
