package dev.missions.stack;

import dev.missions.testsupport.EmbeddedDatabase;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.MavenHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The whole system on one machine: a real broker and a real PostgreSQL in this JVM, and each service
 * as its own process, as it would run in production.
 */
public final class Stack implements AutoCloseable {

    /** Where the project is, where data lives, and whether to use the fixed default ports. */
    /**
     * How to run the stack; without {@code models}, the droids replay the demo's recorded replies. {@code config}
     * goes to every service, after the stack's own.
     */
    public record Options(Path home, Path dataDir, boolean defaultPorts, Consumer<String> progress, Models models,
            Map<String, String> config, Map<String, String> droidEnvironment) {

        public Options(Path home, Path dataDir, boolean defaultPorts, Consumer<String> progress) {
            this(home, dataDir, defaultPorts, progress, Models.fromEnvironment(Map.of()), Map.of());
        }

        public Options(Path home, Path dataDir, boolean defaultPorts, Consumer<String> progress, Models models) {
            this(home, dataDir, defaultPorts, progress, models, Map.of());
        }

        public Options(Path home, Path dataDir, boolean defaultPorts, Consumer<String> progress, Models models,
                Map<String, String> config) {
            this(home, dataDir, defaultPorts, progress, models, config, Map.of());
        }

        /**
         * The same options, with {@code environment} set in the droid services' process environment on top of the
         * inherited one (e.g. the secrets a deployment gives droids, for tests that hunt for them).
         */
        public Options withDroidEnvironment(Map<String, String> environment) {
            return new Options(home, dataDir, defaultPorts, progress, models, config, Map.copyOf(environment));
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Options options;
    private final EmbeddedKafka kafka;
    private final EmbeddedDatabase database;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private final Map<Service, Integer> starts = new java.util.concurrent.ConcurrentHashMap<>();
    /** A fresh API token per stack, for the person running it: nothing guessable listens on this machine's ports. */
    private final String apiToken = java.util.UUID.randomUUID().toString();
    /** The gateway's own token, so what it does is recorded as the gateway's, not as the person's. */
    private final String gatewayToken = java.util.UUID.randomUUID().toString();
    /** Mission Control's session key (missions.ui.session-key): fresh per stack, so no old cookie outlives it. */
    private final String uiSessionKey = sessionKey();

    private Stack(Options options, EmbeddedKafka kafka, EmbeddedDatabase database) {
        this.options = options;
        this.kafka = kafka;
        this.database = database;
        for (Service service : Service.values()) {
            ports.put(service, options.defaultPorts() ? service.defaultPort() : freePort());
        }
    }

    public static Stack start(Options options) {
        long started = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(options.defaultPorts() ? 19092 : 0, options.dataDir().resolve("kafka"));
        options.progress().accept("broker     up at " + kafka.bootstrapServers() + " in " + since(started));
        long dbStarted = System.nanoTime();
        EmbeddedDatabase database = EmbeddedDatabase.start(options.defaultPorts() ? 15432 : 0, options.dataDir().resolve("postgres"));
        options.progress().accept("postgres   up on port " + database.port() + " in " + since(dbStarted));
        Stack stack = new Stack(options, kafka, database);
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        options.progress().accept("stack      up in " + since(started));
        return stack;
    }

    private void startAll() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Service service : Service.values()) {
            starts.add(CompletableFuture.runAsync(() -> start(service)));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts (or starts again) one service and waits until it is ready. */
    public ServiceProcess start(Service service) {
        return start(service, Map.of());
    }

    /** Starts (or starts again) one service with {@code extra} config on top of the stack's, e.g. a crash point. */
    public ServiceProcess start(Service service, Map<String, String> extra) {
        long started = System.nanoTime();
        Map<String, String> config = config(service);
        config.putAll(extra);
        ServiceProcess process = ServiceProcess.start(options.home(), service, ports.get(service), config,
                service.module().startsWith("droid-") ? options.droidEnvironment() : Map.of(),
                options.dataDir().resolve("logs"));
        synchronized (processes) {
            processes.put(service, process);
        }
        process.awaitReady(READY_TIMEOUT);
        options.progress().accept(String.format("%-10s ready at %s (pid %d) in %s", shortName(service), process.url(),
                process.pid(), since(started)));
        return process;
    }

    private Map<String, String> config(Service service) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // each start is another instance, as a pod replaced by Kubernetes would be
        config.put("missions.droid.id", service.module() + "-" + ports.get(service) + "-"
                + starts.merge(service, 1, Integer::sum));
        if (service.database() != null) {
            config.putAll(database.quarkusConfig(service.database()));
        }
        if (service == Service.COORDINATOR) {
            // name=secret: the name is who acts, recorded on every command sent with the token
            config.put("missions.api.tokens", operator() + "=" + apiToken + ",gateway=" + gatewayToken);
            // the same key for every start of this stack: a restarted coordinator keeps the browser signed in
            config.put("missions.ui.session-key", uiSessionKey);
            config.putAll(options.models().castingConfig());
        }
        if (service == Service.GATEWAY) {
            // Slack's status and list ask the coordinator
            config.put("missions.gateway.coordinator.url", url(Service.COORDINATOR));
            config.put("missions.gateway.coordinator.token", gatewayToken);
        }
        if (service.module().startsWith("droid-")) {
            config.put("missions.providers.replay.script",
                    options.home().resolve("samples/shop.replay.json").toString());
            config.put("missions.droid.workspace.dir", options.dataDir().resolve("workspaces").toString());
            config.put("missions.droid.transcript-dir", options.dataDir().resolve("transcripts").toString());
            config.put("missions.test.maven", MavenHome.executable());
            // repository code runs in the sandbox: one HOME per role under the data directory, and the local
            // Maven repository as its dependency cache (docs/security.md says what that shares)
            config.put("missions.droid.sandbox-home", options.dataDir().resolve("sandbox").resolve(service.module()).toString());
            config.put("missions.droid.sandbox-caches", ".m2/repository=" + Path.of(System.getProperty("user.home"),
                    ".m2", "repository"));
        }
        config.putAll(options.config());
        return config;
    }

    public ServiceProcess process(Service service) {
        synchronized (processes) {
            return processes.get(service);
        }
    }

    /** The bare repository demo missions work on, published from samples/shop on first use. */
    public String sampleRepository() {
        return SampleRepository.publish(options.home(), options.dataDir());
    }

    public Models models() {
        return options.models();
    }

    public String url(Service service) {
        return "http://localhost:" + ports.get(service);
    }

    /** The bearer token the coordinator's API accepts from the person running the stack ({@link #operator()}). */
    public String apiToken() {
        return apiToken;
    }

    /** Who {@link #apiToken()} names: this machine's user, as an API token name may spell it. */
    public static String operator() {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._@-]", "");
        return user.isEmpty() || !Character.isLetterOrDigit(user.charAt(0)) ? "operator" : user.substring(0, Math.min(user.length(), 64));
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (processes) {
            running = new ArrayList<>(processes.values());
        }
        running.parallelStream().forEach(ServiceProcess::stop);
        database.close();
        kafka.close();
    }

    /** The name progress lines and reports use: {@code coordinator}, {@code gateway}, {@code droid-code}, ... */
    public static String shortName(Service service) {
        return service.module().replace("-service", "").replace("integration-", "");
    }

    private static String since(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    /** 32 random bytes, base64: what signs Mission Control's session cookies. */
    private static String sessionKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Mission Control, the coordinator's dashboard: sign in with {@link #apiToken()}. */
    public String dashboardUrl() {
        return url(Service.COORDINATOR) + "/ui";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
