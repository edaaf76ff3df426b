package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionListTest {

    final DroidDouble droids = DroidDouble.shared();

    static JsonPath list(String query) {
        return Missions.api().get("/missions?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void missionsAreListedNewestFirstFilteredAndPaged() {
        // a repository of its own keeps other tests' missions out of the figures
        String repository = "file:///tmp/list-" + UUID.randomUUID();
        String first = create("First", repository);
        droids.script(first, task -> List.of(BudgetTest.spending(task)));
        String second = create("Second", repository);
        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"CANCEL\"}").post("/missions/" + second + "/commands")
                .then().statusCode(200);
        String third = create("Third", repository);
        droids.script(third, task -> List.of(MissionEngineTest.approving(task)));
        Missions.awaitStatus(first, "SUCCEEDED");
        Missions.awaitStatus(third, "SUCCEEDED");

        JsonPath all = list("repository=" + repository);
        assertEquals(3, all.getInt("total"));
        assertEquals(50, all.getInt("limit"));
        assertEquals(0, all.getInt("offset"));
        assertEquals(List.of(third, second, first), all.getList("items.id"));
        assertEquals(List.of("SUCCEEDED", "CANCELLED", "SUCCEEDED"), all.getList("items.status"));
        assertEquals(List.of("API", "API", "API"), all.getList("items.source"));
        assertEquals("First", all.getString("items[2].goal"));
        assertEquals(repository, all.getString("items[2].repository"));
        assertEquals(240, all.getLong("items[2].usage.inputTokens"));
        assertTrue(all.getString("items[2].createdAt").compareTo(all.getString("items[2].updatedAt")) <= 0);

        assertEquals(List.of(second), list("repository=" + repository + "&status=cancelled").getList("items.id"));
        assertEquals(2, list("repository=" + repository + "&status=SUCCEEDED&source=API").getInt("total"));
        assertEquals(0, list("repository=" + repository + "&source=SLACK").getInt("total"));

        JsonPath page = list("repository=" + repository + "&limit=2");
        assertEquals(List.of(third, second), page.getList("items.id"));
        assertEquals(3, page.getInt("total"));
        assertEquals(List.of(first), list("repository=" + repository + "&limit=2&offset=2").getList("items.id"));
        assertEquals(List.of(), list("repository=" + repository + "&offset=3").getList("items"));

        JsonPath everything = list("offset=0");
        assertTrue(everything.getInt("total") >= 3);
        assertTrue(everything.getList("items").size() <= 50);
    }

    @Test
    void badParametersAre400AndSayWhatIsAllowed() {
        Missions.api().get("/missions?status=WAITING").then().statusCode(400)
                .body("error", containsString("status must be one of REQUESTED, PLANNING"))
                .body("error", containsString("got 'WAITING'"));
        Missions.api().get("/missions?source=FAX").then().statusCode(400)
                .body("error", containsString("source must be one of API, LINEAR, GITHUB, GITLAB, SLACK"));
        for (String limit : List.of("0", "201", "abc", "-1")) {
            Missions.api().get("/missions?limit=" + limit).then().statusCode(400)
                    .body("error", containsString("limit must be a whole number from 1 to 200, got '" + limit + "'"));
        }
        Missions.api().get("/missions?offset=-1").then().statusCode(400).body("error", containsString("offset must be"));
        Missions.api().get("/missions?status=x&limit=1000").then().statusCode(400).body("violations", hasSize(2));
        Missions.api().get("/missions?limit=200").then().statusCode(200);
    }

    private static String create(String goal, String repository) {
        return Missions.create("{\"goal\": \"" + goal + "\", \"repository\": \"" + repository + "\"}");
    }
}
