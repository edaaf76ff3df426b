package dev.missions.coordinator.casting;

import dev.missions.events.Casting;
import dev.missions.events.Role;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;

/** {@code missions.casting.<role>.provider|model}: the model each role runs on. */
@ConfigMapping(prefix = "missions.casting")
public interface CastingConfig {

    @WithParentName
    Map<String, Cast> roles();

    interface Cast {
        @WithDefault("replay")
        String provider();

        @WithDefault("recorded")
        String model();
    }

    default Casting castFor(Role role) {
        Cast cast = roles().get(role.name().toLowerCase());
        String provider = cast == null ? "replay" : cast.provider();
        String model = cast == null ? "recorded" : cast.model();
        return Casting.newBuilder().setProvider(provider).setModel(model).build();
    }
}
