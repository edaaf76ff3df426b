package dev.missions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory as the kernel counts it ({@code /proc/<pid>/status}, VmRSS; PSS for a process tree), in MiB. */
final class Rss {

    private Rss() {
    }

    /** The process's RSS, or 0 when it is gone or this is not Linux. */
    static double mib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    /**
     * A process and all its descendants (PostgreSQL's postmaster and its backends) by proportional set size: a page
     * the backends share (shared_buffers) counts once, split among them, where summing RSS would count it in each.
     */
    static double treeMib(long pid) {
        double total = pssMib(pid);
        List<ProcessHandle> descendants = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : descendants) {
            total += pssMib(child.pid());
        }
        return total;
    }

    /** {@code Pss} of {@code /proc/<pid>/smaps_rollup}; RSS where the kernel has no rollup. */
    static double pssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException unreadable) {
            return mib(pid);
        }
        return mib(pid);
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
