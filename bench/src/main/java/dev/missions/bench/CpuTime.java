package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds each part of the stack has used ({@code /proc/<pid>/stat}, user + system). Divided by the hops of a
 * level, it says what one hop costs each process: a figure a busy machine distorts far less than latency.
 */
final class CpuTime {

    /** USER_HZ: the kernel reports clock ticks of 1/100 s on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Stack stack;
    private final Path postgresData;

    CpuTime(Stack stack, Path postgresData) {
        this.stack = stack;
        this.postgresData = postgresData;
    }

    /** Per service, PostgreSQL with its backends, and this JVM (the broker and the load driver). */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            seconds.put(Stack.shortName(service), of(stack.process(service).pid()));
        }
        seconds.put("postgres", Rss.tree(Rss.postmaster(postgresData)).stream().mapToDouble(CpuTime::of).sum());
        seconds.put("broker+driver", of(ProcessHandle.current().pid()));
        return seconds;
    }

    /** CPU milliseconds per hop between two samples, per part. Ended backends' time is lost: a lower bound for PostgreSQL. */
    static Map<String, Object> perHop(Map<String, Double> before, Map<String, Double> after, int hops) {
        Map<String, Object> perHop = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> part : after.entrySet()) {
            double ms = Math.max(0, part.getValue() - before.getOrDefault(part.getKey(), 0.0)) * 1000 / Math.max(1, hops);
            perHop.put(part.getKey(), Figures.round(ms));
            total += ms;
        }
        perHop.put("total", Figures.round(total));
        return perHop;
    }

    static double of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
