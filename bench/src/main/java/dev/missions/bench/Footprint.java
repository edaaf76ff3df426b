package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5: how long each service took to be ready and how much memory it holds, idle and under load. Readiness comes
 * from the stack's own progress lines (process start to a 200 from /q/health/ready); all six services start at
 * once, so on a small machine each one's time includes waiting for the CPU the others use.
 */
final class Footprint {

    private static final Pattern READY = Pattern.compile("^(\\S+)\\s+ready at \\S+ \\(pid \\d+\\) in ([0-9.]+) s");
    private static final Pattern STACK_UP = Pattern.compile("^stack\\s+up in ([0-9.]+) s");

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final Map<Service, Double> idleRss = new EnumMap<>(Service.class);
    private final Map<Service, Double> loadedRss = new EnumMap<>(Service.class);
    private double postgresIdle;
    private double postgresLoaded;
    private double benchJvmIdle;
    private double benchJvmLoaded;
    private Stack stack;
    private Path postgresData;

    /** Every progress line of the stack passes through here on its way to the console. */
    void progress(String line) {
        progress.add(line);
    }

    void attach(Stack stack, Path postgresData) {
        this.stack = stack;
        this.postgresData = postgresData;
    }

    Path postgresData() {
        return postgresData;
    }

    void sampleIdle() {
        for (Service service : Service.values()) {
            idleRss.put(service, Rss.mib(stack.process(service).pid()));
        }
        postgresIdle = Rss.treeMib(Rss.postmaster(postgresData));
        benchJvmIdle = Rss.mib(ProcessHandle.current().pid());
    }

    /** Called repeatedly under load: keeps the highest RSS seen per process. */
    synchronized void sampleLoaded() {
        for (Service service : Service.values()) {
            loadedRss.merge(service, Rss.mib(stack.process(service).pid()), Math::max);
        }
        postgresLoaded = Math.max(postgresLoaded, Rss.treeMib(Rss.postmaster(postgresData)));
        benchJvmLoaded = Math.max(benchJvmLoaded, Rss.mib(ProcessHandle.current().pid()));
    }

    /** The P5 figures that are known once the stack is up and idle. */
    void figure(Report report) {
        report.figure("service_ready_s_max", readyMax());
        report.figure("service_idle_rss_mb_max", idleRssMax());
        Double up = stackUpSeconds();
        if (up == null) {
            throw new IllegalStateException("no 'stack up' line in the stack's progress");
        }
        report.figure("stack_up_s", up);
    }

    Map<String, Double> readySeconds() {
        Map<String, Double> ready = new LinkedHashMap<>();
        for (String line : progress) {
            if (STACK_UP.matcher(line).find()) {
                break; // later lines are restarts of the recovery runs, not the stack's start
            }
            Matcher matcher = READY.matcher(line);
            if (matcher.find()) {
                ready.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
            }
        }
        return ready;
    }

    Double stackUpSeconds() {
        for (String line : progress) {
            Matcher matcher = STACK_UP.matcher(line);
            if (matcher.find()) {
                return Double.parseDouble(matcher.group(1));
            }
        }
        return null;
    }

    double readyMax() {
        return readySeconds().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(
                () -> new IllegalStateException("no service readiness line in the stack's progress"));
    }

    double idleRssMax() {
        return idleRss.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** Services, PostgreSQL (with its backends) and this JVM, which hosts the broker and the load driver. */
    double stackRss() {
        double services = idleRss.keySet().stream().mapToDouble(s -> Math.max(idleRss.get(s), loadedRss.getOrDefault(s, 0.0))).sum();
        return services + Math.max(postgresIdle, postgresLoaded) + Math.max(benchJvmIdle, benchJvmLoaded);
    }

    Map<String, Object> toMap() {
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Double> ready = readySeconds();
        for (Service service : Service.values()) {
            String name = Stack.shortName(service);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("ready_s", ready.get(name));
            figures.put("idle_rss_mb", Figures.round(idleRss.getOrDefault(service, 0.0)));
            figures.put("loaded_rss_mb", Figures.round(loadedRss.getOrDefault(service, 0.0)));
            services.put(name, figures);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("services", services);
        map.put("postgres_rss_mb", Map.of("idle", Figures.round(postgresIdle), "loaded", Figures.round(postgresLoaded)));
        map.put("bench_jvm_with_broker_rss_mb", Map.of("idle", Figures.round(benchJvmIdle), "loaded", Figures.round(benchJvmLoaded)));
        map.put("stack_up_s", stackUpSeconds());
        return map;
    }
}
