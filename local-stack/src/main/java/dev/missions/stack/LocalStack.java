package dev.missions.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionEvent;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./demo}: starts the whole system on its embedded defaults, runs a demo mission and keeps
 * running until Ctrl-C. Data stays in {@code .data/} so a second run finds the first run's missions.
 */
public final class LocalStack {

    private static final PrintStream OUT = System.out;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Duration MISSION_TIMEOUT = Duration.ofMinutes(10);
    static final String DEMO_GOAL = "Fix Shop.total, which returns the largest price instead of the sum, and add "
            + "Shop.totalWithDiscount: 10% off orders of 10000 cents or more";

    public static void main(String[] args) throws Exception {
        Path home = Home.find();
        Path dataDir = home.resolve(".data");
        boolean exitAfterDemo = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--exit" -> exitAfterDemo = true;
                default -> {
                    System.err.println("usage: ./demo [--data-dir DIR] [--exit]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dataDir);
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("stack.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

        OUT.println("missions — local stack (data in " + dataDir + ", logs in " + dataDir.resolve("logs") + ")");
        Models models = Models.fromEnvironment(System.getenv());
        OUT.println(models.description());
        Stack stack = Stack.start(new Stack.Options(home, dataDir, true, line -> OUT.println("  " + line), models));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("\nstopping the stack ...");
            stack.close();
            OUT.println("stopped");
            stopped.countDown();
        }, "stack-stop"));

        String coordinator = stack.url(Service.COORDINATOR);
        JsonNode result = runDemoMission(stack, coordinator, home);
        OUT.println();
        DemoReport.print(OUT, result, stack.sampleRepository(), models);
        OUT.println();
        OUT.println("API      " + coordinator + "/missions   (Authorization: Bearer " + stack.apiToken() + ", acting as "
                + Stack.operator() + ")");
        OUT.println("UI       " + stack.dashboardUrl() + "   (Mission Control: sign in with the token " + stack.apiToken() + ")");
        OUT.println("mission  " + coordinator + "/missions/" + result.path("id").asText());
        OUT.println("health   " + coordinator + "/q/health");
        OUT.println("OpenAPI  " + coordinator + "/q/openapi");
        for (Service service : Service.values()) {
            OUT.printf("  %-10s %s/q/health%n", Stack.shortName(service), stack.url(service));
        }
        if (exitAfterDemo) {
            System.exit("SUCCEEDED".equals(result.path("status").asText()) ? 0 : 1);
        }
        OUT.println("\ntry:  curl -H 'Authorization: Bearer " + stack.apiToken() + "' " + coordinator + "/missions/"
                + result.path("id").asText());
        OUT.println("\nthe stack keeps running; Ctrl-C stops it");
        stopped.await();
    }

    private static JsonNode runDemoMission(Stack stack, String coordinator, Path home) {
        MissionsClient client = new MissionsClient(coordinator, stack.apiToken());
        try (EventTail events = new EventTail(stack.kafka().bootstrapServers())) {
            JsonNode mission = client.create(DEMO_GOAL, stack.sampleRepository());
            String missionId = mission.path("id").asText();
            OUT.println();
            OUT.println("demo mission " + missionId + " — " + mission.path("goal").asText());
            Instant deadline = Instant.now().plus(MISSION_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (MissionEvent event : events.poll(Duration.ofMillis(250))) {
                    if (event.getMeta().getMissionId().equals(missionId)) {
                        print(event);
                        if (MissionsClient.FINAL_STATUSES.contains(event.getStatus().name())) {
                            return client.get(missionId);
                        }
                    }
                }
            }
            return client.awaitFinal(missionId, Duration.ofSeconds(1));
        }
    }

    private static void print(MissionEvent event) {
        String at = LocalTime.ofInstant(event.getMeta().getOccurredAt(), ZoneId.systemDefault()).format(CLOCK);
        String role = event.getRole() == null ? "" : " [" + event.getRole().name().toLowerCase() + "]";
        OUT.printf("  %s  %-18s %-9s%s %s%n", at, event.getType(), event.getStatus(), role,
                event.getMessage() == null ? "" : event.getMessage());
    }
}
