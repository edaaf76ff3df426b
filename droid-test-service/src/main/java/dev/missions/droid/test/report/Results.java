package dev.missions.droid.test.report;

import java.util.ArrayList;
import java.util.List;

/** What one or more reports say: the counts and the failing tests. */
public record Results(Counts counts, List<Failure> failures) {

    public static final Results NONE = new Results(Counts.NONE, List.of());

    public Results {
        failures = List.copyOf(failures);
    }

    public Results plus(Results other) {
        List<Failure> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new Results(counts.plus(other.counts), all);
    }
}
