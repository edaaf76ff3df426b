package dev.missions.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders every overlay with kubectl kustomize and checks the invariants of issue 7 on what comes out. */
class K8sInvariantsTest {

    static final Map<String, ServiceConfig> SERVICES = ServiceConfig.loadAll(Kustomize.home());

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    @Test
    void theOverlaysAreLocalAndProd() {
        assertEquals(List.of("local", "prod"), overlays());
    }

    @Test
    void withoutKubectlTheTestsSayWhatIsMissing() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Kustomize.render("kubectl-that-is-not-installed", "local", "without-kubectl"));
        assertTrue(e.getMessage().contains("kubectl is not on the PATH") && e.getMessage().contains("install kubectl"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersAndParses(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertFalse(docs.isEmpty(), overlay + " rendered nothing");
        for (JsonNode doc : docs) {
            assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind") && !Invariants.name(doc).isEmpty(), "incomplete document " + doc);
            assertEquals("missions", doc.path("metadata").path("namespace").asText("missions"), Invariants.name(doc) + " is outside the namespace");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyCatalogTopicAndDeadLetterTopicHasAKafkaTopic(String overlay) {
        assertEquals(List.of(), Invariants.topics(Kustomize.render(overlay)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDroidRoleScalesOnItsOwnLagWithinItsPartitions(String overlay) {
        assertEquals(List.of(), Invariants.autoscaling(Kustomize.render(overlay), SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyWorkloadHasProbesLimitsAndANonRootReadOnlySecurityContext(String overlay) {
        assertEquals(List.of(), Invariants.workloads(Kustomize.render(overlay), SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyKafkaUserIsAllowedExactlyWhatItsChannelsUse(String overlay) {
        assertEquals(List.of(), Invariants.acls(Kustomize.render(overlay), SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyConfigMapKeyIsReadByItsService(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertEquals(List.of(), Invariants.configKeys(docs, SERVICES));
        Invariants.undeclared(docs, SERVICES).forEach((service, names) ->
                System.out.println("[" + overlay + "] " + service + " is given " + names + ", which it does not declare yet (k8s/README.md)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theGatewaysCoordinatorTokenIsOneTheCoordinatorAccepts(String overlay) {
        assertEquals(List.of(), Invariants.sharedApiToken(Kustomize.render(overlay)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void noSecretValueIsCommittedButTheLocalExample(String overlay) {
        assertEquals(List.of(), Invariants.secrets(Kustomize.render(overlay), overlay));
    }

    static java.util.Set<String> documentedSecrets() {
        return Invariants.documentedSecrets(ServiceConfig.read(Kustomize.k8sDir().resolve("README.md")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everySecretReadIsMadeByAnOperatorTheOverlayOrTheReadme(String overlay) {
        assertTrue(documentedSecrets().contains("missions-db-coordinator"), "the README's Secrets table: " + documentedSecrets());
        assertEquals(List.of(), Invariants.secretReferences(Kustomize.render(overlay), documentedSecrets()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void onlyTheGatewayTakesTrafficFromOutside(String overlay) {
        assertEquals(List.of(), Invariants.network(Kustomize.render(overlay), SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void strimziResourcesDeserializeIntoStrimzisModel(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertEquals(2, Invariants.ofKind(docs, "Kafka", "KafkaNodePool").size(), "one Kafka and one node pool");
        assertEquals(List.of(), Invariants.strimziModel(docs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kubernetesResourcesDeserializeIntoTheirModel(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertFalse(Invariants.ofKind(docs, "Deployment").isEmpty());
        assertEquals(List.of(), Invariants.kubernetesModel(docs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kedaAndCloudNativePgResourcesUseOnlyKnownCrdFields(String overlay) {
        List<JsonNode> docs = Kustomize.render(overlay);
        assertEquals(4, Invariants.ofKind(docs, "ScaledObject").size());
        assertEquals(List.of(), Invariants.crdFields(docs));
    }

    @Test
    void localRunsOneOfEachAndProdRunsThreeBrokersAndBackups() {
        List<JsonNode> local = Kustomize.render("local");
        List<JsonNode> prod = Kustomize.render("prod");
        assertEquals(1, Invariants.find(local, "KafkaNodePool", "combined").orElseThrow().path("spec").path("replicas").asInt());
        assertEquals(3, Invariants.find(prod, "KafkaNodePool", "combined").orElseThrow().path("spec").path("replicas").asInt());
        Invariants.ofKind(local, "Deployment").forEach(d -> assertEquals(1, d.path("spec").path("replicas").asInt(), Invariants.name(d)));
        Invariants.ofKind(prod, "Deployment").forEach(d -> {
            assertTrue(d.path("spec").path("replicas").asInt() >= 2, Invariants.name(d));
            assertFalse(d.path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity").isMissingNode(), Invariants.name(d));
        });
        assertTrue(Invariants.find(local, "Cluster", "missions-db").orElseThrow().path("spec").path("backup").isMissingNode());
        assertFalse(Invariants.find(prod, "Cluster", "missions-db").orElseThrow().path("spec").path("backup").path("barmanObjectStore").isMissingNode());
        assertEquals(1, Invariants.ofKind(prod, "ScheduledBackup").size());
        assertEquals(7, Invariants.ofKind(prod, "PodDisruptionBudget").size());
        assertEquals(List.of(), Invariants.ofKind(prod, "Secret"), "prod generates no Secret");
    }
}
