package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The coordinator's packages import each other in one direction only: a cycle is a design error, found here. */
class PackageCyclesTest {

    static final Path SOURCES = Path.of("src/main/java/dev/missions/coordinator");
    // imports and fully qualified names alike
    static final Pattern REFERENCE = Pattern.compile("\\bdev\\.missions\\.coordinator\\.([a-z]\\w*)");

    @Test
    void noPackageOfTheCoordinatorDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertTrue(graph.size() > 10, "read the packages: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles");
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph));
        assertEquals(List.of(), cycles(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                // a subpackage counts as its feature's package (planning.model is planning)
                String own = SOURCES.relativize(file.getParent()).toString().split("/")[0];
                Set<String> uses = graph.computeIfAbsent(own, key -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(own)) {
                        uses.add(matcher.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** Each cycle once, as the path from its smallest package back to it. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> found = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            walk(graph, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    private static void walk(Map<String, Set<String>> graph, String start, List<String> path, List<List<String>> found) {
        for (String next : new TreeSet<>(graph.getOrDefault(path.getLast(), Set.of()))) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                found.add(cycle);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(graph, start, path, found);
                path.removeLast();
            }
        }
    }
}
