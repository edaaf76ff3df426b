package dev.missions.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.k8s.ServiceConfig.Acl;
import dev.missions.k8s.ServiceConfig.Name;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The produce/consume sets are derived from the real channel configuration, not written down a second time. */
class ServiceConfigTest {

    @Test
    void aDroidReadsItsRolesTasksInItsRolesGroupAndCancellationsInAGroupOfItsOwn() {
        ServiceConfig droid = K8sInvariantsTest.SERVICES.get("droid-review-service");
        assertTrue(droid.isDroid());
        assertEquals(8084, droid.httpPort());
        assertTrue(droid.incoming().contains(new ServiceConfig.IncomingChannel("tasks", "droid.tasks.review",
                Name.literal("droids-review"), Optional.of("droid.tasks.review.dlq"))));
        // droid-control-${missions.droid.id:${quarkus.uuid}}: only the prefix is known before run time; failure-strategy=ignore
        assertTrue(droid.incoming().contains(new ServiceConfig.IncomingChannel("mission-control", "missions.events",
                new Name("droid-control-", true), Optional.empty())));
        assertEquals(Set.of("droid.heartbeats", "droid.results"), droid.producedTopics());
    }

    @Test
    void theCoordinatorWritesTheTopicsItsOutboxNames() {
        ServiceConfig coordinator = K8sInvariantsTest.SERVICES.get("coordinator-service");
        assertEquals(Set.of("missions.events", "droid.tasks.code", "droid.tasks.test", "droid.tasks.review", "droid.tasks.docs"),
                coordinator.producedTopics());
        assertTrue(coordinator.expectedAcls().contains(new Acl("topic", "droid.results.dlq", "literal", "Write")));
        assertTrue(coordinator.expectedAcls().contains(new Acl("group", "coordinator-commands", "literal", "Read")));
    }

    @Test
    void aNewChannelChangesTheExpectedAcls(@TempDir Path dir) throws IOException {
        Path module = dir.resolve("svc");
        Files.createDirectories(module);
        Path shared = dir.resolve("shared.properties");
        Files.writeString(shared, """
                mp.messaging.connector.smallrye-kafka.failure-strategy=dead-letter-queue
                """);
        Path app = dir.resolve("application.properties");
        Files.writeString(app, """
                missions.role=x
                mp.messaging.outgoing.out.connector=smallrye-kafka
                mp.messaging.outgoing.out.topic=missions.requests
                mp.messaging.incoming.in.connector=smallrye-kafka
                mp.messaging.incoming.in.topic=droid.tasks.${missions.role:code}
                mp.messaging.incoming.in.group.id=g-${missions.role}
                mp.messaging.incoming.other.connector=in-memory
                %test.mp.messaging.outgoing.out.topic=missions.commands
                %test.missions.only-in-tests=1
                """);
        ServiceConfig config = ServiceConfig.fromFiles("svc", module, List.of(shared, app), List.of());
        assertTrue(config.knows("MISSIONS_ROLE") && !config.knows("MISSIONS_ONLY_IN_TESTS"), "a %test key is no key of a deployment");
        assertEquals(Set.of(
                new Acl("topic", "missions.requests", "literal", "Write"), new Acl("topic", "missions.requests", "literal", "Describe"),
                new Acl("topic", "droid.tasks.x", "literal", "Read"), new Acl("topic", "droid.tasks.x", "literal", "Describe"),
                new Acl("group", "g-x", "literal", "Read"),
                // no dead-letter-queue.topic: SmallRye's default name
                new Acl("topic", "dead-letter-topic-in", "literal", "Write"), new Acl("topic", "dead-letter-topic-in", "literal", "Describe")),
                config.expectedAcls());
    }

    @Test
    void configMappingPropertiesComeFromTheInterfacesMethodNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Config.java");
        Files.writeString(file, """
                package x;
                /** {@code x.*}: braces in comments and "strings {" do not count. */
                @ConfigMapping(prefix = "x.svc")
                public interface Config {
                    @WithDefault("${java.io.tmpdir}/a}")
                    Path transcriptDir();
                    Optional<List<String>> secrets();
                    // String commentedOut();
                    Limits workspace();
                    @WithName("git-token")
                    Optional<String> token();
                    Map<String, String> labels();
                    interface Limits {
                        @WithDefault("1")
                        long maxBytes();
                    }
                    default String joined() {
                        return secrets().map(s -> String.join(",", s)).orElse("");
                    }
                }
                """);
        Path providers = dir.resolve("Providers.java");
        Files.writeString(providers, """
                @ConfigMapping(prefix = "x.providers")
                interface Providers {
                    @WithParentName
                    Map<String, Provider> all();
                    interface Provider {
                        Optional<String> apiKey();
                    }
                }
                class Work {
                    Work(@ConfigProperty(name = "x.test.maven") Optional<String> maven) {
                    }
                }
                """);
        assertEquals(Set.of("x.svc.transcript-dir", "x.svc.secrets", "x.svc.workspace.max-bytes", "x.svc.git-token",
                "x.svc.labels.*", "x.providers.*.api-key", "x.test.maven"), ConfigMappings.properties(List.of(file, providers)));
        assertTrue(ServiceConfig.envPattern("x.providers.*.api-key").matcher("X_PROVIDERS_OPENAI_API_KEY").matches());
        assertTrue(ServiceConfig.propertyPattern("x.providers.*.api-key").matcher("x.providers.\"a.b\".api-key").matches());
    }

    @Test
    void aConsumerWithoutAGroupCannotBeGrantedAnything(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("application.properties");
        Files.writeString(app, """
                mp.messaging.incoming.in.connector=smallrye-kafka
                mp.messaging.incoming.in.topic=missions.events
                """);
        ServiceConfig config = ServiceConfig.fromFiles("svc", dir, List.of(app), List.of());
        assertThrows(IllegalStateException.class, config::expectedAcls);
    }
}
