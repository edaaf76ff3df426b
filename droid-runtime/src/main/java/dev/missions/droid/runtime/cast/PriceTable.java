package dev.missions.droid.runtime.cast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;

/** {@code missions.budget.prices."<provider>/<model>".*}: the same price table the coordinator reads. */
@ConfigMapping(prefix = "missions.budget.prices")
public interface PriceTable {

    @WithParentName
    Map<String, Entry> all();

    interface Entry {
        double inputPerMillion();

        double outputPerMillion();

        @WithDefault("0")
        double cachedInputPerMillion();
    }

    default Price of(String provider, String model) {
        Entry entry = all().get(provider + "/" + model);
        return entry == null ? Price.UNKNOWN
                : new Price(entry.inputPerMillion(), entry.outputPerMillion(), entry.cachedInputPerMillion());
    }
}
