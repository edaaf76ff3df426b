package dev.missions.droid.runtime;

import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code noop} casting: the attempt succeeds after a delay, with no workspace and no model, and with the
 * artifacts that let a plan move on (tests passed, review approved). Benchmarks and chaos runs use it so that
 * everything but the model and the repository runs for real.
 *
 * <p>The delay is {@code noop-delay}, or a random one up to {@code noop-delay-max} when that is longer. With a
 * {@code noop-ledger-dir}, each performed effect is appended as {@code missionId subtaskId attempt droidId} to this
 * instance's own file there, and forced to disk before the result is published: a chaos run counts from it which
 * effects ran more than once.
 */
final class NoopWork {

    static final String PROVIDER = "noop";

    private final Duration minDelay;
    private final Duration maxDelay;
    private final Path ledger;
    private final String droidId;

    NoopWork(Duration minDelay, Duration maxDelay, Optional<Path> ledgerDir, String droidId) {
        this.minDelay = minDelay;
        this.maxDelay = maxDelay.compareTo(minDelay) > 0 ? maxDelay : minDelay;
        // one file per instance: several droid processes share the directory without interleaving their lines
        this.ledger = ledgerDir.map(dir -> dir.resolve(droidId.replaceAll("[^A-Za-z0-9._-]", "_") + ".ledger"))
                .orElse(null);
        this.droidId = droidId;
    }

    static NoopWork of(DroidConfig config, String droidId) {
        return new NoopWork(config.noopDelay(), config.noopDelayMax().orElse(config.noopDelay()), config.noopLedgerDir(),
                droidId);
    }

    static boolean casts(SubtaskAssigned task) {
        return PROVIDER.equalsIgnoreCase(task.getCasting().getProvider().strip());
    }

    WorkResult perform(SubtaskAssigned task) {
        Duration delay = delay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WorkResult.failed("noop attempt interrupted", "interrupted");
            }
        }
        record(task);
        return WorkResult.succeeded("noop: " + task.getRole().name().toLowerCase() + " subtask " + task.getSubtaskId()
                + " attempt " + task.getAttempt() + " completed without work", Map.of(
                Artifacts.TESTS, Artifacts.PASSED,
                Artifacts.VERDICT, Artifacts.APPROVE,
                Artifacts.COMMITS, ""));
    }

    Duration delay() {
        long spread = maxDelay.toMillis() - minDelay.toMillis();
        return spread <= 0 ? minDelay : minDelay.plusMillis(ThreadLocalRandom.current().nextLong(spread + 1));
    }

    /** Appends the effect and forces it to disk: a droid killed after this line has done the work. */
    private void record(SubtaskAssigned task) {
        if (ledger == null) {
            return;
        }
        String line = task.getMeta().getMissionId() + " " + task.getSubtaskId() + " " + task.getAttempt() + " "
                + droidId + "\n";
        synchronized (this) {
            try {
                Files.createDirectories(ledger.getParent());
                try (FileChannel file = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    file.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                    file.force(false);
                }
            } catch (IOException e) {
                // no ledger line, no result: the effect must never count as done without its record
                throw new UncheckedIOException("cannot record the effect in " + ledger, e);
            }
        }
    }
}
