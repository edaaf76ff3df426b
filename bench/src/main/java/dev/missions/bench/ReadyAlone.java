package dev.missions.bench;

import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * P5, each service on its own: stopped and started again while the rest of the stack idles, timed from the start of
 * its process to a 200 from /q/health/ready. The stack's own start times each service while all six compete for
 * the same cores; this is the time a replaced pod takes.
 */
final class ReadyAlone {

    private ReadyAlone() {
    }

    /** Seconds to ready per service, by its short name. */
    static Map<String, Double> measure(Stack stack) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            stack.process(service).stop();
            long started = System.nanoTime();
            stack.start(service);
            seconds.put(Stack.shortName(service), (System.nanoTime() - started) / 1e9);
        }
        return seconds;
    }
}
