package dev.missions.droid.test.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the event stream of {@code go test -json}: one JSON object a line with Action run/output/pass/fail/skip
 * per Package and Test. Lines that are not JSON (compiler errors on stderr) are skipped; the output tail keeps them.
 */
public final class GoTestJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    // t.Errorf prefixes its message with the place: "    shop_test.go:14: total = 3, want 4"
    private static final Pattern LOCATION = Pattern.compile("^\\s*(\\S+_test\\.go):(\\d+):\\s?(.*)$");
    private static final int MAX_LINES_PER_TEST = 40;

    private GoTestJson() {
    }

    public static Results parse(Path log) throws ReportException {
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            return parse(lines.lines().toList());
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            throw new ReportException("go test output cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    public static Results parse(List<String> lines) {
        Map<String, Outcome> tests = new LinkedHashMap<>();
        Map<String, Outcome> packages = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode event = event(line);
            if (event == null) {
                continue;
            }
            String pkg = event.path("Package").asText("");
            String test = event.path("Test").asText("");
            Outcome outcome = test.isEmpty()
                    ? packages.computeIfAbsent(pkg, p -> new Outcome(p, ""))
                    : tests.computeIfAbsent(pkg + "#" + test, k -> new Outcome(pkg, test));
            switch (event.path("Action").asText("")) {
                case "output" -> outcome.output(event.path("Output").asText(""));
                case "pass", "fail", "skip" -> outcome.action = event.path("Action").asText();
                default -> { }
            }
        }
        return results(tests, packages);
    }

    private static Results results(Map<String, Outcome> tests, Map<String, Outcome> packages) {
        int total = 0;
        int failed = 0;
        int errored = 0;
        int skipped = 0;
        List<Failure> failures = new ArrayList<>();
        // Subtests carry the verdict; a parent counts only when it failed and none of its subtests did.
        Set<String> parents = new HashSet<>();
        Set<String> failedParents = new HashSet<>();
        Set<String> failedPackages = new HashSet<>();
        for (Outcome outcome : tests.values()) {
            for (int slash = outcome.test.indexOf('/'); slash > 0; slash = outcome.test.indexOf('/', slash + 1)) {
                String parent = outcome.pkg + "#" + outcome.test.substring(0, slash);
                parents.add(parent);
                if (outcome.failed()) {
                    failedParents.add(parent);
                }
            }
            if (outcome.failed()) {
                failedPackages.add(outcome.pkg);
            }
        }
        for (Outcome outcome : tests.values()) {
            String key = outcome.pkg + "#" + outcome.test;
            if (parents.contains(key) && !(outcome.failed() && !failedParents.contains(key))) {
                continue;
            }
            if (outcome.action == null) {
                continue; // started but never ended: the run was cut, the package outcome tells
            }
            total++;
            switch (outcome.action) {
                case "fail" -> {
                    failed++;
                    failures.add(outcome.failure(""));
                }
                case "skip" -> skipped++;
                default -> { }
            }
        }
        // A package can fail with no failing test: it did not build, TestMain or init panicked, or it timed out.
        for (Outcome pkg : packages.values()) {
            if (pkg.failed() && !failedPackages.contains(pkg.pkg)) {
                errored++;
                total++;
                failures.add(pkg.failure("package failed outside any test"));
            }
        }
        return new Results(new Counts(total, failed, errored, skipped), failures);
    }

    private static JsonNode event(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** One test's (or, with an empty test name, one package's) events. */
    private static final class Outcome {
        final String pkg;
        final String test;
        final List<String> output = new ArrayList<>();
        String action;

        Outcome(String pkg, String test) {
            this.pkg = pkg;
            this.test = test;
        }

        boolean failed() {
            return "fail".equals(action);
        }

        void output(String text) {
            String line = text.stripTrailing();
            String trimmed = line.strip();
            // go test's own framing says nothing the events do not already say
            if (trimmed.isEmpty() || trimmed.startsWith("=== ") || trimmed.startsWith("--- ")
                    || trimmed.equals("FAIL") || trimmed.equals("PASS") || trimmed.startsWith("ok ")
                    || output.size() >= MAX_LINES_PER_TEST) {
                return;
            }
            output.add(line);
        }

        Failure failure(String fallback) {
            String location = "";
            List<String> message = new ArrayList<>();
            for (String line : output) {
                Matcher at = LOCATION.matcher(line);
                if (at.matches()) {
                    if (location.isEmpty()) {
                        location = at.group(1) + ":" + at.group(2);
                    }
                    message.add(at.group(3));
                } else {
                    message.add(line.strip());
                }
            }
            String text = message.isEmpty() ? fallback : String.join("\n", message);
            return new Failure(test.isEmpty() ? pkg : pkg + "#" + test, text, "", location);
        }
    }
}
