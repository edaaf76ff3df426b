package dev.missions.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each invariant fails when the rendered output is broken: the real local overlay, with one thing broken on purpose,
 * must give the expected problem (and the unbroken copy none, which K8sInvariantsTest shows).
 */
class InvariantsCatchBreakageTest {

    static final Map<String, ServiceConfig> SERVICES = K8sInvariantsTest.SERVICES;

    private static List<JsonNode> local() {
        return new ArrayList<>(Kustomize.copy(Kustomize.render("local")));
    }

    private static ObjectNode doc(List<JsonNode> docs, String kind, String name) {
        return (ObjectNode) Invariants.find(docs, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static ObjectNode at(JsonNode node, String pointer) {
        return (ObjectNode) node.at(pointer);
    }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing '" + expected + "', got " + problems);
    }

    @Test
    void aMissingDeadLetterTopicIsFound() {
        List<JsonNode> docs = local();
        docs.remove(Invariants.kafkaTopics(docs).get("droid.results.dlq"));
        assertProblem(Invariants.topics(docs), "no KafkaTopic for catalog topic droid.results.dlq");
    }

    @Test
    void aTopicOutsideTheCatalogIsFound() {
        List<JsonNode> docs = local();
        ObjectNode extra = Invariants.kafkaTopics(docs).get("droid.results").deepCopy();
        at(extra, "/spec").put("topicName", "droid.resultz");
        docs.add(extra);
        assertProblem(Invariants.topics(docs), "KafkaTopic droid.resultz is not in the catalog");
    }

    @Test
    void aKedaMaximumAbovePartitionsIsFound() {
        List<JsonNode> docs = local();
        at(doc(docs, "ScaledObject", "droid-code-service"), "/spec").put("maxReplicaCount", 13);
        assertProblem(Invariants.autoscaling(docs, SERVICES), "maxReplicaCount 13 exceeds the 12 partitions of droid.tasks.code");
    }

    @Test
    void aKedaTriggerOnAnotherRolesGroupIsFound() {
        List<JsonNode> docs = local();
        ObjectNode metadata = at(doc(docs, "ScaledObject", "droid-review-service").at("/spec/triggers/0"), "/metadata");
        metadata.put("consumerGroup", "droids-code");
        assertProblem(Invariants.autoscaling(docs, SERVICES), "watches group droids-code on droid.tasks.review");
    }

    @Test
    void aKedaLagCountedFromTheWrongEndOrAnHpaBeyondPartitionsIsFound() {
        List<JsonNode> docs = local();
        at(doc(docs, "ScaledObject", "droid-docs-service").at("/spec/triggers/0"), "/metadata").put("offsetResetPolicy", "latest");
        at(doc(docs, "HorizontalPodAutoscaler", "coordinator-service"), "/spec").put("maxReplicas", 7);
        List<String> problems = Invariants.autoscaling(docs, SERVICES);
        assertProblem(problems, "counts lag from offsetResetPolicy latest, but channel tasks of droid-docs-service starts at auto.offset.reset earliest");
        assertProblem(problems, "maxReplicas 7 exceeds the 6 partitions of droid.results");
    }

    @Test
    void aSecretNobodyMakesIsFound() {
        List<JsonNode> docs = local();
        for (JsonNode env : doc(docs, "Deployment", "droid-code-service").at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("MISSIONS_DROID_GIT_TOKEN")) {
                at(env, "/valueFrom/secretKeyRef").put("name", "missions-git-credentials");
            }
        }
        at(doc(docs, "Cluster", "missions-db"), "/spec/bootstrap/initdb/secret").put("name", "missions-db-owner");
        List<String> problems = Invariants.secretReferences(docs, K8sInvariantsTest.documentedSecrets());
        assertProblem(problems, "Secret missions-git-credentials is read but nothing makes it");
        assertProblem(problems, "Secret missions-db-owner is read but nothing makes it");
    }

    @Test
    void aDeploymentWithoutProbesLimitsOrHardeningIsFound() {
        List<JsonNode> docs = local();
        ObjectNode d = doc(docs, "Deployment", "droid-test-service");
        ObjectNode c = at(d, "/spec/template/spec/containers/0");
        c.remove("readinessProbe");
        at(c, "/resources").remove("limits");
        at(c, "/securityContext").put("readOnlyRootFilesystem", false).put("runAsNonRoot", false);
        at(d, "/spec/template/spec/securityContext").put("runAsNonRoot", false);
        at(c, "/securityContext/capabilities").putArray("drop");
        at(d, "/spec/template/spec").remove("hostUsers");
        List<String> problems = Invariants.workloads(docs, SERVICES);
        assertProblem(problems, "droid-test-service shares the node's users (hostUsers is not false)");
        assertProblem(problems, "droid-test-service has no readinessProbe");
        assertProblem(problems, "droid-test-service has no cpu limits");
        assertProblem(problems, "droid-test-service has a writable root filesystem");
        assertProblem(problems, "droid-test-service may run as root");
        assertProblem(problems, "droid-test-service does not drop ALL capabilities");
    }

    @Test
    void aProbeOnTheWrongPortOrAWorkspaceOutsideTheDroidsIsFound() {
        List<JsonNode> docs = local();
        ObjectNode c = at(doc(docs, "Deployment", "coordinator-service"), "/spec/template/spec/containers/0");
        at(c, "/livenessProbe/httpGet").put("port", 8082);
        ((ArrayNode) c.get("volumeMounts")).addObject().put("name", "tmp").put("mountPath", "/workspaces");
        List<String> problems = Invariants.workloads(docs, SERVICES);
        assertProblem(problems, "livenessProbe is on port 8082, not 8080");
        assertProblem(problems, "coordinator-service mounts a writable volume at /workspaces");
    }

    @Test
    void anAclBeyondTheChannelsOrAMissingOneIsFound() {
        List<JsonNode> docs = local();
        ArrayNode acls = (ArrayNode) doc(docs, "KafkaUser", "droid-review-service").at("/spec/authorization/acls");
        ObjectNode extra = acls.addObject();
        extra.putObject("resource").put("type", "topic").put("name", "missions.requests").put("patternType", "literal");
        extra.putArray("operations").add("Write");
        for (int i = 0; i < acls.size(); i++) {
            if ("droids-review".equals(acls.get(i).at("/resource/name").asText())) {
                acls.remove(i);
                break;
            }
        }
        List<String> problems = Invariants.acls(docs, SERVICES);
        assertProblem(problems, "KafkaUser droid-review-service allows more than its channels use: [Write topic:missions.requests]");
        assertProblem(problems, "KafkaUser droid-review-service lacks [Read group:droids-review]");
    }

    @Test
    void aServiceUsingAnotherServicesKafkaLoginIsFound() {
        List<JsonNode> docs = local();
        for (JsonNode env : doc(docs, "Deployment", "droid-docs-service").at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                at(env, "/valueFrom/secretKeyRef").put("name", "coordinator-service");
            }
        }
        assertProblem(Invariants.workloads(docs, SERVICES), "logs in to Kafka with the Secret of KafkaUser coordinator-service");
    }

    @Test
    void aConfigMapKeyNoServiceReadsIsFound() {
        List<JsonNode> docs = local();
        JsonNode cm = Invariants.ofKind(docs, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/labels/app.kubernetes.io~1name").asText().equals("droid-docs-service")).findFirst().orElseThrow();
        at(cm, "/data").put("MISSIONS_DROID_WORKSPACE_DIRECTORY", "/tmp/ws");
        // a key the coordinator has is not a key of the droid
        at(cm, "/data").put("MISSIONS_ENGINE_LEASE", "60s");
        List<String> problems = Invariants.configKeys(docs, SERVICES);
        assertProblem(problems, "sets MISSIONS_DROID_WORKSPACE_DIRECTORY, which droid-docs-service does not read");
        assertProblem(problems, "sets MISSIONS_ENGINE_LEASE, which droid-docs-service does not read");
    }

    @Test
    void theConfigMapRuleAcceptsPropertiesTheirEnvFormsAndReadVariables() {
        ServiceConfig coordinator = SERVICES.get("coordinator-service");
        assertTrue(coordinator.knows("MISSIONS_ENGINE_MAX_ATTEMPTS"), "env form of missions.engine.max-attempts");
        assertTrue(coordinator.knows("missions.engine.max-attempts"), "the property itself");
        assertTrue(coordinator.knows("MISSIONS_DB_URL"), "a variable application.properties reads");
        // in the file only under %test (which ServiceConfigTest shows does not count), but EngineConfig maps it
        assertTrue(coordinator.knows("MISSIONS_ENGINE_TIMER_INTERVAL"), "missions.engine.timer-interval of @ConfigMapping EngineConfig");
        // read in code only: DroidConfig (@ConfigMapping missions.droid, in droid-runtime), TestWork's @ConfigProperty
        ServiceConfig testDroid = SERVICES.get("droid-test-service");
        assertTrue(testDroid.knows("MISSIONS_DROID_WORKSPACE_DIR"), "missions.droid.workspace.dir, a nested group's property");
        assertTrue(testDroid.knows("MISSIONS_DROID_AGENT_MAX_STEPS"), "missions.droid.agent.max-steps");
        assertTrue(testDroid.knows("missions.droid.transcript-dir"), "a mapping property as is");
        assertTrue(testDroid.knows("MISSIONS_TEST_MAVEN"), "@ConfigProperty(name = \"missions.test.maven\")");
        assertTrue(!SERVICES.get("droid-code-service").knows("MISSIONS_TEST_MAVEN"), "only the test droid runs builds");
        assertTrue(!coordinator.knows("MISSIONS_DROID_WORKSPACE_DIR"), "the coordinator has no DroidConfig");
    }

    @Test
    void aGatewayTokenTheCoordinatorMayNotAcceptIsFound() {
        List<JsonNode> docs = local();
        for (JsonNode env : doc(docs, "Deployment", "integration-gateway").at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("MISSIONS_COORDINATOR_TOKEN")) {
                at(env, "/valueFrom/secretKeyRef").put("name", "missions-gateway").put("key", "coordinator-token");
            }
        }
        assertProblem(Invariants.sharedApiToken(docs), "MISSIONS_COORDINATOR_TOKEN comes from missions-gateway/coordinator-token");
    }

    @Test
    void anOptionalOrLaterPartOfAComposedVariableIsFound() {
        List<JsonNode> docs = local();
        ArrayNode env = (ArrayNode) doc(docs, "Deployment", "coordinator-service").at("/spec/template/spec/containers/0/env");
        for (JsonNode e : env) {
            if (e.path("name").asText().equals("API_TOKENS_OTHER")) {
                at(e, "/valueFrom/secretKeyRef").put("optional", true);
            }
        }
        // a part defined after the variable that uses it
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).path("name").asText().equals("API_TOKEN_GATEWAY")) {
                env.add(env.remove(i));
                break;
            }
        }
        List<String> problems = Invariants.configKeys(docs, SERVICES);
        assertProblem(problems, "composes the optional API_TOKENS_OTHER");
        assertProblem(problems, "env MISSIONS_API_TOKENS uses $(API_TOKEN_GATEWAY) before it is defined");
    }

    @Test
    void aSecretWithValuesOutsideTheLocalExampleIsFound() {
        List<JsonNode> local = local();
        ObjectNode example = doc(local, "Secret", "missions-db-coordinator");
        at(example, "/data").put("password", "aHVudGVyMg=="); // "hunter2"
        assertProblem(Invariants.secrets(local, "local"), "missions-db-coordinator key password holds something other than local-only-change-me");

        List<JsonNode> prod = new ArrayList<>(Kustomize.copy(Kustomize.render("prod")));
        prod.add(doc(local(), "Secret", "missions-api-tokens"));
        assertProblem(Invariants.secrets(prod, "prod"), "Secret missions-api-tokens carries values in overlay prod");

        List<JsonNode> unmarked = local();
        at(doc(unmarked, "Secret", "missions-api-tokens"), "/metadata/labels").remove(Invariants.LOCAL_EXAMPLE_LABEL);
        assertProblem(Invariants.secrets(unmarked, "local"), "Secret missions-api-tokens carries values in overlay local");
    }

    @Test
    void aStrimziFieldTheModelDoesNotKnowIsFound() {
        List<JsonNode> docs = local();
        at(Invariants.kafkaTopics(docs).get("missions.events"), "/spec").put("partitons", 6);
        ObjectNode rule = (ObjectNode) doc(docs, "KafkaUser", "integration-gateway").at("/spec/authorization/acls/0");
        rule.putArray("operations").add("Fly");
        at(doc(docs, "Kafka", "missions"), "/spec/kafka").put("listners", 3);
        List<String> problems = Invariants.strimziModel(docs);
        assertProblem(problems, "KafkaTopic missions.events.spec has fields Strimzi does not know: [partitons]");
        assertProblem(problems, "KafkaUser integration-gateway.spec.authorization.acls[0].operations[0] does not survive Strimzi's model (\"Fly\")");
        assertProblem(problems, "Kafka missions.spec.kafka has fields Strimzi does not know: [listners]");
    }

    @Test
    void aKubernetesFieldTheModelDoesNotKnowIsFound() {
        List<JsonNode> docs = local();
        at(doc(docs, "Deployment", "coordinator-service"), "/spec/template/spec").put("enableServiceLink", false);
        at(doc(docs, "PodDisruptionBudget", "integration-gateway"), "/spec").put("maxUnavailble", 1);
        ((ObjectNode) doc(docs, "HorizontalPodAutoscaler", "coordinator-service")).put("apiVersion", "autoscaling/v1");
        List<String> problems = Invariants.kubernetesModel(docs);
        assertProblem(problems, "Deployment coordinator-service");
        assertProblem(problems, "enableServiceLink");
        assertProblem(problems, "maxUnavailble");
        assertProblem(problems, "HorizontalPodAutoscaler coordinator-service uses autoscaling/v1, not autoscaling/v2");
    }

    @Test
    void aKedaOrCloudNativePgFieldOutsideTheCrdIsFound() {
        List<JsonNode> docs = local();
        at(doc(docs, "ScaledObject", "droid-test-service"), "/spec").put("maxReplicas", 3);
        at(doc(docs, "Cluster", "missions-db"), "/spec/bootstrap/initdb").put("databse", "coordinator");
        List<String> problems = Invariants.crdFields(docs);
        assertProblem(problems, "ScaledObject droid-test-service sets spec.maxReplicas");
        assertProblem(problems, "Cluster missions-db sets spec.bootstrap.initdb.databse");
    }

    @Test
    void anIngressOpenToTheWorldOnAnotherServiceIsFound() {
        List<JsonNode> docs = local();
        ObjectNode np = doc(docs, "NetworkPolicy", "integration-gateway-ingress");
        at(np, "/spec/podSelector/matchLabels").put("app.kubernetes.io/name", "coordinator-service");
        assertProblem(Invariants.network(docs, SERVICES), "opens coordinator-service to traffic from outside the cluster");

        List<JsonNode> undenied = local();
        undenied.remove(doc(undenied, "NetworkPolicy", "missions-default-deny"));
        assertProblem(Invariants.network(undenied, SERVICES), "no default-deny NetworkPolicy covers droid-code-service");
    }

    @Test
    void theCheckersSeeNothingWrongInAnUnbrokenCopy() {
        List<JsonNode> docs = local();
        for (Function<List<JsonNode>, List<String>> check : List.<Function<List<JsonNode>, List<String>>>of(
                Invariants::topics, d -> Invariants.autoscaling(d, SERVICES), d -> Invariants.workloads(d, SERVICES),
                d -> Invariants.acls(d, SERVICES), d -> Invariants.configKeys(d, SERVICES), d -> Invariants.secrets(d, "local"),
                d -> Invariants.network(d, SERVICES), Invariants::strimziModel, Invariants::kubernetesModel, Invariants::crdFields,
                d -> Invariants.secretReferences(d, K8sInvariantsTest.documentedSecrets()), Invariants::sharedApiToken)) {
            assertEquals(List.of(), check.apply(docs));
        }
    }
}
