package dev.missions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Resident memory as the kernel counts it ({@code /proc/<pid>/status}, VmRSS; PSS for a process tree), in MiB. */
final class Rss {

    private Rss() {
    }

    /** The process's RSS, or 0 when it is gone or this is not Linux. */
    static double mib(long pid) {
        return kib(pid, "status", "VmRSS:").orElse(0) / 1024.0;
    }

    /**
     * A process and all its descendants (PostgreSQL's postmaster and its backends) by proportional set size: a page
     * the backends share (shared_buffers) counts once, split among them, where summing RSS would count it in each.
     */
    static double treeMib(long pid) {
        return tree(pid).stream().mapToDouble(Rss::pssMib).sum();
    }

    /** A process and its descendants, itself first. */
    static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    /** {@code Pss} of {@code /proc/<pid>/smaps_rollup}; RSS where the kernel has no rollup. */
    static double pssMib(long pid) {
        OptionalLong pss = kib(pid, "smaps_rollup", "Pss:");
        return pss.isPresent() ? pss.getAsLong() / 1024.0 : mib(pid);
    }

    /** The kB figure of the line starting with {@code key} in {@code /proc/<pid>/<file>}; empty when unreadable. */
    private static OptionalLong kib(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(key)) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException gone) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The postmaster's pid, from the first line of {@code postmaster.pid} in its data directory. */
    static long postmaster(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read PostgreSQL's pid in " + dataDirectory, e);
        }
    }
}
