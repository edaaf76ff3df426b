package dev.missions.coordinator.planning.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanTemplates;
import dev.missions.coordinator.planning.Planner;
import dev.missions.coordinator.planning.Planner.PlanDecision;
import dev.missions.coordinator.planning.Planner.PlanRequest;
import dev.missions.coordinator.planning.model.PlannerModelResource.PlannerModel;
import dev.missions.events.MissionKind;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real OpenAI client of quarkus-langchain4j against scripted chat-completion replies. */
@QuarkusTest
@TestProfile(PlannerModelProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class ModelPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final PlanRequest REQUEST = new PlanRequest(MissionKind.FEATURE, "Add CSV export to the report page",
            "CSV export", "LIN-42: people want {quarkus.http.host} style placeholders kept as typed", "https://git.example.com/r.git");

    private static final String PARALLEL = """
            { "milestones": [
              { "title": "Build", "subtasks": [
                { "key": "api", "role": "code", "title": "Export endpoint", "instructions": "Add GET /reports/{id}.csv",
                  "acceptanceCriteria": ["returns text/csv"], "dependsOn": [] },
                { "key": "ui", "role": "code", "title": "Export button", "instructions": "Add the button",
                  "acceptanceCriteria": [], "dependsOn": [] },
                { "key": "test", "role": "test", "title": "Run tests", "instructions": "Run the build",
                  "acceptanceCriteria": [], "dependsOn": ["api", "ui"] } ] },
              { "title": "Hand-off", "subtasks": [
                { "key": "review", "role": "review", "title": "Review", "instructions": "Review the diff",
                  "acceptanceCriteria": [], "dependsOn": ["test"] } ] } ] }
            """;
    private static final String CYCLE = """
            { "milestones": [ { "title": "Build", "subtasks": [
                { "key": "code", "role": "code", "title": "Code", "instructions": "Do it", "dependsOn": ["test"] },
                { "key": "test", "role": "test", "title": "Test", "instructions": "Check it", "dependsOn": ["code"] } ] } ] }
            """;
    private static final String UNKNOWN_ROLE = """
            { "milestones": [ { "title": "Ship", "subtasks": [
                { "key": "ship", "role": "deploy", "title": "Deploy", "instructions": "Deploy it", "dependsOn": [] } ] } ] }
            """;

    @Inject
    Planner planner;

    @PlannerModel
    WireMockServer model;

    @BeforeEach
    void reset() {
        model.resetAll();
    }

    @Test
    void aValidPlanFromTheModelIsUsedWithItsParallelBranch() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(PARALLEL))));

        PlanDecision decision = planner.plan(REQUEST);

        assertEquals("PLANNER", decision.source());
        assertTrue(decision.note().contains("openai/planner-test"), decision.note());
        List<Plan.Step> steps = decision.plan().steps();
        assertEquals(List.of("api", "ui", "test", "review"), steps.stream().map(Plan.Step::key).toList());
        assertEquals(List.of(), steps.get(1).dependsOn());
        assertEquals(List.of("api", "ui"), steps.get(2).dependsOn());
        assertEquals(List.of("returns text/csv"), steps.get(0).acceptanceCriteria());
        model.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void aPlanWithACycleIsRepairedOnce() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("repair").whenScenarioStateIs(STARTED)
                .willReturn(okJson(completion(CYCLE))).willSetStateTo("repaired"));
        model.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("repair").whenScenarioStateIs("repaired")
                .willReturn(okJson(completion(PARALLEL))));

        PlanDecision decision = planner.plan(REQUEST);

        assertEquals("PLANNER", decision.source());
        assertEquals(4, decision.plan().steps().size());
        assertTrue(decision.note().contains("repaired once"), decision.note());
        List<LoggedRequest> requests = requests();
        assertEquals(2, requests.size());
        String repair = userMessage(requests.get(1));
        assertTrue(repair.contains("the plan has a cycle through code, test"), repair);
        assertTrue(repair.startsWith(userMessage(requests.get(0))), "the repair request repeats the brief first");
    }

    @Test
    void twoInvalidPlansRejectTheMissionWithTheProblems() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(UNKNOWN_ROLE))));

        PlanRejectedException rejected = assertThrows(PlanRejectedException.class, () -> planner.plan(REQUEST));

        assertTrue(rejected.getMessage().contains("subtask 'ship' has unknown role 'deploy'"), rejected.getMessage());
        assertEquals(2, requests().size());
    }

    @Test
    void anUnparseableReplyIsRepairedToo() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("prose").whenScenarioStateIs(STARTED)
                .willReturn(okJson(completion("Sure! Here is a plan: step one, write code."))).willSetStateTo("json"));
        model.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("prose").whenScenarioStateIs("json")
                .willReturn(okJson(completion("```json\n" + PARALLEL + "```"))));

        PlanDecision decision = planner.plan(REQUEST);

        assertEquals("PLANNER", decision.source());
        assertTrue(userMessage(requests().get(1)).contains("not valid JSON"), userMessage(requests().get(1)));
    }

    @Test
    void aServerErrorFallsBackToTheTemplateAndSaysWhy() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"overloaded\"}}")));

        PlanDecision decision = planner.plan(REQUEST);

        assertEquals("TEMPLATE", decision.source());
        assertEquals(PlanTemplates.forKind(MissionKind.FEATURE, REQUEST.goal()), decision.plan());
        assertTrue(decision.note().startsWith("planner model openai/planner-test unavailable: "), decision.note());
        assertTrue(decision.note().endsWith("used the built-in FEATURE template"), decision.note());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource(delimiter = '|', textBlock = """
            401 | Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.
            403 | You are not allowed to use model planner-test in this project.
            """)
    void aRefusedKeyFailsWithTheProvidersReasonInsteadOfTheTemplate(int status, String reason) {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", reason)
                        .put("type", "invalid_request_error").put("code", "invalid_api_key")).toString())));

        PlannerRefusedException refused = assertThrows(PlannerRefusedException.class, () -> planner.plan(REQUEST));

        assertEquals("planner model openai/planner-test refused the request (HTTP " + status + "): " + reason, refused.getMessage());
    }

    @Test
    void aMissionWhosePlannerRefusesTheKeyFailsSayingWhy() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Invalid authentication\", \"type\": \"invalid_request_error\"}}")));

        String why = "planning failed: planner model openai/planner-test refused the request (HTTP 401): Invalid authentication";
        RestAssured.given().auth().oauth2("test-token").contentType(ContentType.JSON)
                .body("{\"goal\": \"Plan me with a bad key\", \"repository\": \"https://git.example.com/acme/shop.git\"}")
                .post("/missions").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("planSource", org.hamcrest.Matchers.equalTo("NONE"))
                .body("planNote", org.hamcrest.Matchers.equalTo(why))
                .body("subtasks", org.hamcrest.Matchers.empty())
                .body("timeline.message", org.hamcrest.Matchers.hasItem(why));
    }

    @Test
    void aRefusedConnectionFallsBackToTheTemplate() {
        model.stop();
        try {
            PlanDecision decision = planner.plan(REQUEST);

            assertEquals("TEMPLATE", decision.source());
            assertTrue(decision.note().contains("unavailable: "), decision.note());
            assertTrue(decision.note().toLowerCase().contains("connect"), decision.note());
        } finally {
            model.start();
        }
    }

    @Test
    void theSystemPromptIsTheSameBytesOnEveryCall() throws Exception {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(PARALLEL))));

        planner.plan(REQUEST);
        planner.plan(new PlanRequest(MissionKind.CI_FIX, "Fix the red build", null, "expected 3 but was 4", "https://git.example.com/other.git"));

        List<LoggedRequest> requests = requests();
        String first = requests.get(0).getBodyAsString();
        String second = requests.get(1).getBodyAsString();
        String prefix = first.substring(0, first.indexOf("Plan this mission."));
        assertTrue(prefix.contains(PlannerAi.SYSTEM_PROMPT.substring(0, 40)), prefix);
        assertTrue(second.startsWith(prefix), "the request prefix up to the user message differs:\n" + first + "\n" + second);
        JsonNode messages = JSON.readTree(first).get("messages");
        assertEquals(2, messages.size(), "no chat memory carried between missions");
        assertEquals(PlannerAi.SYSTEM_PROMPT.strip(), messages.get(0).get("content").asText().strip());
        assertNotEquals(userMessage(requests.get(0)), userMessage(requests.get(1)));
        assertTrue(userMessage(requests.get(0)).contains("{quarkus.http.host}"), "user text is not a template");
    }

    private List<LoggedRequest> requests() {
        return model.findAll(postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    private static String userMessage(LoggedRequest request) {
        try {
            JsonNode messages = JSON.readTree(request.getBodyAsString()).get("messages");
            return messages.get(messages.size() - 1).get("content").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String completion(String content) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "planner-test")
                .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0).put("finish_reason", "stop")
                        .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
                .toString();
    }
}
