package dev.missions.e2e.chaos;

import dev.missions.stack.Service;
import dev.missions.stack.ServiceProcess;
import dev.missions.stack.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@code every}, SIGKILLs a random service process and starts it again (a new instance, as a replaced pod);
 * once each, at its given moment, restarts the broker and PostgreSQL (unless its moment is null) in place of a kill. One thing at a time:
 * a restart under way is never hit by the next blow, so each outage is one the system must ride out on its own.
 */
final class Killer implements AutoCloseable {

    /** A service that did not come back, with why. */
    record Failure(String what, String why) {
    }

    private final Stack stack;
    private final Duration every;
    private final Duration brokerAt;
    private final Duration databaseAt;
    private final Duration infraDowntime;
    private final Random random;
    private final Map<Service, Integer> kills = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Object pause = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean brokerRestarted;
    private volatile boolean databaseRestarted;
    private final Instant started = Instant.now();

    Killer(Stack stack, Duration every, Duration brokerAt, Duration databaseAt, Duration infraDowntime, long seed) {
        this.stack = stack;
        this.every = every;
        this.brokerAt = brokerAt;
        this.databaseAt = databaseAt;
        this.infraDowntime = infraDowntime;
        this.random = new Random(seed);
        this.thread = Thread.ofPlatform().name("chaos-killer").daemon(true).start(this::run);
    }

    private void run() {
        Instant next = Instant.now().plus(every);
        while (running) {
            sleepUntil(next);
            if (!running) {
                return;
            }
            next = Instant.now().plus(every);
            Duration elapsed = Duration.between(started, Instant.now());
            if (!brokerRestarted && elapsed.compareTo(brokerAt) >= 0) {
                brokerRestarted = true;
                restart("broker", () -> stack.kafka().restart(infraDowntime));
            } else if (databaseAt != null && !databaseRestarted && elapsed.compareTo(databaseAt) >= 0) {
                databaseRestarted = true;
                restart("postgres", () -> stack.database().restart(infraDowntime));
            } else {
                killOne(Service.values()[random.nextInt(Service.values().length)]);
            }
        }
    }

    private void killOne(Service service) {
        ServiceProcess process = stack.process(service);
        if (process != null && process.isAlive()) {
            process.kill();
            kills.merge(service, 1, Integer::sum);
            note("SIGKILL " + service.module() + " (pid " + process.pid() + ", exit " + process.exitValue() + ")");
        }
        startAgain(service);
    }

    /** Starts the service again, a few times if need be; one that never comes back is a finding, not a retry loop. */
    private void startAgain(Service service) {
        for (int tried = 1; tried <= 3; tried++) {
            try {
                stack.start(service);
                return;
            } catch (RuntimeException e) {
                note(service.module() + " did not come back (try " + tried + "): " + e.getMessage());
                if (tried == 3) {
                    synchronized (failures) {
                        failures.add(new Failure(service.module(), e.getMessage()));
                    }
                }
            }
        }
    }

    private void restart(String what, Runnable restart) {
        long began = System.nanoTime();
        try {
            restart.run();
            note(String.format("%s restarted (down %d s, back after %.1f s)", what, infraDowntime.toSeconds(),
                    (System.nanoTime() - began) / 1e9));
        } catch (RuntimeException e) {
            note(what + " did not restart: " + e.getMessage());
            synchronized (failures) {
                failures.add(new Failure(what, e.getMessage()));
            }
        }
    }

    private synchronized void note(String line) {
        String stamped = String.format("[chaos %6.1f s] %s", Duration.between(started, Instant.now()).toMillis() / 1000.0, line);
        log.add(stamped);
        System.out.println(stamped);
    }

    /** Waits for the next blow; {@link #close()} cuts the wait short, but never a restart under way. */
    private void sleepUntil(Instant when) {
        synchronized (pause) {
            long millis;
            while (running && (millis = Duration.between(Instant.now(), when).toMillis()) > 0) {
                try {
                    pause.wait(millis);
                } catch (InterruptedException e) {
                    running = false;
                }
            }
        }
    }

    /** Stops after the blow under way, and brings back anything that is still down. */
    @Override
    public void close() {
        synchronized (pause) {
            running = false;
            pause.notifyAll();
        }
        try {
            thread.join(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Service service : Service.values()) {
            ServiceProcess process = stack.process(service);
            if (process == null || !process.isAlive()) {
                startAgain(service);
            }
        }
    }

    int kills() {
        return kills.values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> killsByService() {
        Map<Service, Integer> ordered = new EnumMap<>(Service.class);
        ordered.putAll(kills);
        Map<String, Integer> named = new java.util.LinkedHashMap<>();
        ordered.forEach((service, count) -> named.put(service.module(), count));
        return named;
    }

    boolean brokerRestarted() {
        return brokerRestarted;
    }

    boolean databaseRestarted() {
        return databaseRestarted;
    }

    List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }
}
