package dev.missions.coordinator.core;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The time, the randomness (backoff jitter) and the ids a decision uses, given to it so the core stays a function. */
public record Moment(Instant now, RandomGenerator random, Supplier<UUID> ids) {

    public static Moment current() {
        return new Moment(Instant.now(), ThreadLocalRandom.current(), UUID::randomUUID);
    }
}
