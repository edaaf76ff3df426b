package dev.missions.k8s;

import dev.missions.events.Role;
import dev.missions.schemas.Topic;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service's configuration says, read from the real files: its application.properties, the shared
 * META-INF/microprofile-config.properties of the modules it depends on (schemas; droid-runtime for droids), and, for
 * topics chosen per record, its sources. From that: the Kafka topics and consumer groups it uses, the ACLs those need,
 * and the configuration names a ConfigMap or an env entry may set for it.
 */
final class ServiceConfig {

    static final List<String> SERVICES = List.of("coordinator-service", "integration-gateway", "droid-code-service",
            "droid-test-service", "droid-review-service", "droid-docs-service");

    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\"]+)");
    /** {@code Topic.X} as an argument: preceded by '(' or ',' and followed by ',' or ')'. */
    private static final Pattern TOPIC_ARGUMENT = Pattern.compile("[(,]\\s*Topic\\.([A-Z][A-Z_]*)\\s*[,)]");

    /** A group or topic name with a part that is only known at run time becomes a prefix (patternType prefix). */
    record Name(String value, boolean prefix) {
        static Name literal(String value) {
            return new Name(value, false);
        }

        String patternType() {
            return prefix ? "prefix" : "literal";
        }
    }

    /** One ACL entry: resource type (topic, group), name, pattern type, operation. Host and allow are checked apart. */
    record Acl(String resourceType, String name, String patternType, String operation) implements Comparable<Acl> {
        @Override
        public int compareTo(Acl o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return operation + " " + resourceType + ":" + name + (patternType.equals("literal") ? "" : "*(" + patternType + ")");
        }
    }

    record IncomingChannel(String channel, String topic, Name group, Optional<String> deadLetterTopic) {
    }

    /** auto.offset.reset of an incoming channel: the channel's own, else the connector's, else Kafka's "latest". */
    String offsetReset(String channel) {
        Map<String, String> attrs = channels("incoming").get(channel);
        if (attrs == null) {
            throw new IllegalArgumentException(name + " has no incoming Kafka channel " + channel);
        }
        return resolve(attribute(attrs, "auto.offset.reset", "latest")).orElseThrow();
    }

    final String name;
    final Path moduleDir;
    final List<Path> sources;
    final Map<String, String> properties;
    final List<String> dependencyModules;

    private ServiceConfig(String name, Path moduleDir, List<Path> sources, Map<String, String> properties,
            List<String> dependencyModules) {
        this.name = name;
        this.moduleDir = moduleDir;
        this.sources = sources;
        this.properties = properties;
        this.dependencyModules = dependencyModules;
    }

    static Map<String, ServiceConfig> loadAll(Path home) {
        Map<String, ServiceConfig> all = new LinkedHashMap<>();
        for (String service : SERVICES) {
            all.put(service, load(home, service));
        }
        return all;
    }

    /** Reads a service module; the shared files come from the modules its pom depends on. */
    static ServiceConfig load(Path home, String service) {
        Path module = home.resolve(service);
        String pom = read(module.resolve("pom.xml"));
        List<String> deps = new ArrayList<>();
        // droid-runtime brings schemas with it; both put their own META-INF/microprofile-config.properties on the path
        if (pom.contains("<artifactId>droid-runtime</artifactId>")) {
            deps.add("schemas");
            deps.add("droid-runtime");
        } else if (pom.contains("<artifactId>schemas</artifactId>")) {
            deps.add("schemas");
        }
        if (pom.contains("<artifactId>outbox</artifactId>")) {
            deps.add("outbox"); // its relay sets each record's topic; it brings no config file
        }
        List<Path> files = new ArrayList<>();
        for (String dep : deps) {
            Path shared = home.resolve(dep).resolve("src/main/resources/META-INF/microprofile-config.properties");
            if (Files.exists(shared)) {
                files.add(shared);
            }
        }
        files.add(module.resolve("src/main/resources/application.properties"));
        return fromFiles(service, module, files, deps);
    }

    /** Later files override earlier ones (application.properties, ordinal 250, over the shared files, ordinal 100). */
    static ServiceConfig fromFiles(String service, Path module, List<Path> files, List<String> deps) {
        Map<String, String> effective = new LinkedHashMap<>();
        Map<String, String> prodProfile = new LinkedHashMap<>();
        for (Path file : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                if (key.startsWith("%prod.")) {
                    prodProfile.put(key.substring("%prod.".length()), p.getProperty(key));
                } else if (!key.startsWith("%")) {
                    effective.put(key, p.getProperty(key));
                }
            }
        }
        effective.putAll(prodProfile);
        return new ServiceConfig(service, module, files, effective, deps);
    }

    boolean isDroid() {
        return dependencyModules.contains("droid-runtime");
    }

    int httpPort() {
        return Integer.parseInt(resolve(properties.getOrDefault("quarkus.http.port", "8080")).orElseThrow());
    }

    // ---------------------------------------------------------------- expressions

    /** Expands ${key} and ${key:default}; empty when a part is only known at run time (no value, no default). */
    Optional<String> resolve(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int end = closingBrace(value, start + 2);
            String expr = value.substring(start + 2, end);
            int colon = topLevelColon(expr);
            String key = colon < 0 ? expr : expr.substring(0, colon);
            Optional<String> resolved;
            if (properties.containsKey(key)) {
                resolved = resolve(properties.get(key));
            } else if (colon >= 0) {
                resolved = resolve(expr.substring(colon + 1));
            } else {
                resolved = Optional.empty();
            }
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            out.append(resolved.get());
            i = end + 1;
        }
        return Optional.of(out.toString());
    }

    /** A name whose value is only partly known: the literal part before the first unknown expression is a prefix. */
    Name name(String value) {
        Optional<String> full = resolve(value);
        if (full.isPresent()) {
            return Name.literal(full.get());
        }
        // resolve piece by piece up to the first expression that has no value
        StringBuilder known = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                known.append(value, i, value.length());
                break;
            }
            known.append(value, i, start);
            int end = closingBrace(value, start + 2);
            Optional<String> part = resolve(value.substring(start, end + 1));
            if (part.isEmpty()) {
                break;
            }
            known.append(part.get());
            i = end + 1;
        }
        if (known.isEmpty()) {
            throw new IllegalStateException(name + ": '" + value + "' has no fixed part to grant an ACL on");
        }
        return new Name(known.toString(), true);
    }

    private static int closingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.startsWith("${", i)) {
                depth++;
                i++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced expression in '" + s + "'");
    }

    private static int topLevelColon(String expr) {
        int depth = 0;
        for (int i = 0; i < expr.length(); i++) {
            if (expr.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expr.charAt(i) == '}') {
                depth--;
            } else if (expr.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- channels

    private Map<String, Map<String, String>> channels(String direction) {
        Map<String, Map<String, String>> channels = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (m.matches() && m.group(1).equals(direction)) {
                channels.computeIfAbsent(m.group(2), c -> new LinkedHashMap<>()).put(m.group(3), value);
            }
        });
        channels.values().removeIf(attrs -> !"smallrye-kafka".equals(attrs.get("connector")));
        return channels;
    }

    private String attribute(Map<String, String> channel, String attribute, String fallback) {
        String value = channel.get(attribute);
        if (value == null) {
            value = properties.get(CONNECTOR + attribute);
        }
        return value == null ? fallback : value;
    }

    List<IncomingChannel> incoming() {
        List<IncomingChannel> result = new ArrayList<>();
        channels("incoming").forEach((channel, attrs) -> {
            String topic = resolve(attrs.getOrDefault("topic", channel)).orElseThrow(
                    () -> new IllegalStateException(name + ": topic of channel " + channel + " is not known before run time"));
            String group = attrs.get("group.id");
            if (group == null) {
                throw new IllegalStateException(name + ": incoming channel " + channel + " has no group.id; its ACL cannot be derived");
            }
            Optional<String> dlq = Optional.empty();
            if ("dead-letter-queue".equals(resolve(attribute(attrs, "failure-strategy", "fail")).orElse("fail"))) {
                // SmallRye's default dead-letter topic when none is configured
                dlq = Optional.of(resolve(attribute(attrs, "dead-letter-queue.topic", "dead-letter-topic-" + channel)).orElseThrow());
            }
            result.add(new IncomingChannel(channel, topic, name(group), dlq));
        });
        return result;
    }

    /** Topics written: every outgoing channel's topic, plus the topics chosen per record (see {@link #recordTopics()}). */
    Set<String> producedTopics() {
        Set<String> topics = new TreeSet<>();
        channels("outgoing").forEach((channel, attrs) -> topics.add(resolve(attrs.getOrDefault("topic", channel)).orElseThrow()));
        topics.addAll(recordTopics());
        return topics;
    }

    /**
     * A service that sets the topic on each record (OutgoingKafkaRecordMetadata.withTopic, as the coordinator's and the
     * gateway's outbox relays do) writes to the topics its sources hand over as values: every {@code Topic.X} passed as
     * an argument ({@code outbox.add(Topic.MISSION_EVENTS, ...)}, {@code intake.publish(..., Topic.MISSION_REQUESTS, ...)})
     * and, for {@code Topic.tasksFor(role)}, every role's task topic. {@code Topic.X.topicName()} names a topic without
     * writing to it (inbox bookkeeping) and does not count.
     */
    Set<String> recordTopics() {
        List<Path> javaFiles = mainSources();
        boolean perRecordTopic = javaFiles.stream().anyMatch(f -> read(f).contains(".withTopic("));
        Set<String> topics = new TreeSet<>();
        if (!perRecordTopic) {
            return topics;
        }
        for (Path f : javaFiles) {
            String source = read(f);
            Matcher m = TOPIC_ARGUMENT.matcher(source);
            while (m.find()) {
                topics.add(Topic.valueOf(m.group(1)).topicName());
            }
            if (source.contains("Topic.tasksFor(")) {
                for (Role role : Role.values()) {
                    topics.add(Topic.tasksFor(role).topicName());
                }
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException(name + " sets topics per record but its sources pass no Topic constant: the ACLs cannot be derived");
        }
        return topics;
    }

    private List<Path> mainSources() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(moduleDir.resolve("src/main/java"));
        for (String dep : dependencyModules) {
            dirs.add(moduleDir.getParent().resolve(dep).resolve("src/main/java"));
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    // ---------------------------------------------------------------- ACLs

    /** Exactly the ACLs this service's channels need: consume = Read+Describe topic, Read group; produce = Write+Describe. */
    Set<Acl> expectedAcls() {
        Set<Acl> acls = new TreeSet<>();
        for (IncomingChannel in : incoming()) {
            acls.add(new Acl("topic", in.topic(), "literal", "Read"));
            acls.add(new Acl("topic", in.topic(), "literal", "Describe"));
            acls.add(new Acl("group", in.group().value(), in.group().patternType(), "Read"));
            in.deadLetterTopic().ifPresent(dlq -> {
                acls.add(new Acl("topic", dlq, "literal", "Write"));
                acls.add(new Acl("topic", dlq, "literal", "Describe"));
            });
        }
        for (String topic : producedTopics()) {
            acls.add(new Acl("topic", topic, "literal", "Write"));
            acls.add(new Acl("topic", topic, "literal", "Describe"));
        }
        return acls;
    }

    // ---------------------------------------------------------------- configuration names

    /** MicroProfile Config's environment-variable form of a property name: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        StringBuilder b = new StringBuilder();
        for (char c : property.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    /**
     * Whether a ConfigMap key or env name reaches this service's configuration: it is a property of its files (as is, or
     * in its environment-variable form), a variable those files read ({@code ${MISSIONS_DB_URL:...}}), or a property its
     * sources (and its shared modules' sources) read with a default of their own (see {@link #readInCode()}).
     */
    boolean knows(String name) {
        for (String key : properties.keySet()) {
            if (key.equals(name) || envName(key).equals(name)) {
                return true;
            }
        }
        if (variables().contains(name)) {
            return true;
        }
        for (String property : readInCode()) {
            if (propertyPattern(property).matcher(name).matches() || envPattern(property).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private Set<String> readInCode;

    /**
     * Properties the code reads that need not be in any properties file: every {@code @ConfigProperty(name = "...")},
     * and every property of a {@code @ConfigMapping} interface (DroidConfig's {@code missions.droid.workspace.dir},
     * GatewayConfig's {@code missions.gateway.*}, ...), from the interface's method names in kebab case, nested groups
     * followed, {@code @WithName} and {@code @WithParentName} honoured. A map's key is '*'.
     */
    Set<String> readInCode() {
        if (readInCode == null) {
            readInCode = ConfigMappings.properties(mainSources());
        }
        return readInCode;
    }

    /** A property with map keys ('*') as a pattern over property names: a key is one segment, or a quoted one. */
    static Pattern propertyPattern(String property) {
        return Pattern.compile(String.join("(?:[^.\"]+|\"[^\"]*\")",
                Stream.of(property.split("\\*", -1)).map(Pattern::quote).toList()));
    }

    /** The same in environment-variable form: a map key becomes one or more of [A-Z0-9_]. */
    static Pattern envPattern(String property) {
        return Pattern.compile(String.join("[A-Z0-9_]+",
                Stream.of(property.split("\\*", -1)).map(part -> Pattern.quote(envName(part))).toList()));
    }

    Set<String> variables() {
        Set<String> vars = new LinkedHashSet<>();
        for (String value : properties.values()) {
            Matcher m = VARIABLE.matcher(value);
            while (m.find()) {
                vars.add(m.group(1));
            }
        }
        return vars;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
