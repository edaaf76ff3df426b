package dev.missions.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with {@code kubectl kustomize}, as a process, into target/rendered, and parses the documents. */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The repository root: the build passes it (missions.home); from an IDE the working directory is the module. */
    static Path home() {
        String home = System.getProperty("missions.home");
        Path path = home != null ? Paths.get(home) : Paths.get("").toAbsolutePath().getParent();
        return path.toAbsolutePath().normalize();
    }

    static Path k8sDir() {
        return home().resolve("k8s");
    }

    static List<String> overlays() {
        try (var dirs = Files.list(k8sDir().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The overlay's documents, rendered once per test JVM. */
    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::renderNow);
    }

    private static List<JsonNode> renderNow(String overlay) {
        return render(System.getProperty("missions.kubectl", "kubectl"), overlay, overlay);
    }

    /** Renders without the cache, with the given kubectl command, into target/rendered/&lt;name&gt;.yaml. */
    static List<JsonNode> render(String kubectl, String overlay, String name) {
        Path dir = k8sDir().resolve("overlays").resolve(overlay);
        Path out = Paths.get(System.getProperty("missions.k8s.out", home().resolve("k8s/target/rendered").toString()));
        try {
            Files.createDirectories(out);
            Path yaml = out.resolve(name + ".yaml");
            Path errors = out.resolve(name + ".stderr");
            Process process;
            try {
                process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(yaml.toFile())
                        .redirectError(errors.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("kubectl is not on the PATH (" + kubectl + ": " + e.getMessage() + "). These tests render k8s/overlays/"
                        + overlay + " with `kubectl kustomize` (kustomize v5): install kubectl 1.31 or newer, as CI machines have it.", e);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " took longer than 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n" + Files.readString(errors));
            }
            return parse(Files.readString(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> parse(String multiDocumentYaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Deep copies, for tests that break a document on purpose. */
    static List<JsonNode> copy(List<JsonNode> docs) {
        return docs.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
    }
}
