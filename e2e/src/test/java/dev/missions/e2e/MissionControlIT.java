package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.ServiceProcess;
import dev.missions.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Mission Control, the coordinator's dashboard under {@code /ui}, in headless Chromium against the real stack: a
 * person signs in with their API token, starts a mission from the form and watches its DAG run live, approves a
 * plan, pauses and resumes a mission, filters the list; a command without the form's CSRF field is refused, and no
 * page ever holds the API token.
 *
 * <p>API missions wait for approval of their plan here ({@code missions.approval.plan-for=API}), so every mission
 * this test starts stops at a gate a person passes from the page. The missions run real Maven builds on the sample
 * repository: the waits are generous, and nothing asserts how long anything took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissionControlIT {

    static final Duration MISSION_TIMEOUT = Duration.ofMinutes(3);
    static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Pattern MISSION_PAGE = Pattern.compile("/ui/missions/([0-9a-f-]{36})(?:[/?#].*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A secret of the droids that a repository file holds: what the code droid reads must reach no page. */
    private static final String CANARY = "canary-mission-control-e2e-5e3b";

    Stack stack;
    String coordinator;
    String repository;
    MissionsClient client;
    Browser browser;
    String testName;

    @BeforeAll
    void start() throws Exception {
        // the browser first: without Chromium nothing here can pass, and that should take seconds to say
        browser = Browser.start("mission-control");
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "mission-control-");
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line),
                Models.fromEnvironment(Map.of()), Map.of("missions.approval.plan-for", "API", "missions.droid.secrets", CANARY)));
        coordinator = stack.url(Service.COORDINATOR);
        repository = stack.sampleRepository();
        client = new MissionsClient(coordinator, stack.apiToken());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
    }

    /** Whatever a test saw last is kept for the person reading a failure, and no page may hold the token. */
    @AfterEach
    void lastLook() {
        browser.screenshot(testName + "-last");
        assertNoToken();
    }

    @Test
    void aBadTokenIsRefusedAndTheGoodOneSignsInUntilSignOut() {
        browser.driver().manage().deleteAllCookies();
        browser.open(coordinator + "/ui/sign-in");
        WebElement token = browser.await("form#sign-in input#token");
        assertEquals("token", token.getDomAttribute("name"));
        assertNotNull(submitButton("form#sign-in"), "the sign-in form has a submit button");

        token.sendKeys("not-" + stack.apiToken());
        submitButton("form#sign-in").click();
        WebElement error = browser.await(".error", PAGE_WAIT);
        assertFalse(error.getText().isBlank(), "the refusal says why");
        assertTrue(browser.url().contains("/ui/sign-in"), "a bad token stays on the sign-in page: " + browser.url());
        assertTrue(browser.exists("form#sign-in"), "and can try again");
        assertEquals(null, browser.driver().manage().getCookieNamed("missions_session"), "no session for a bad token");
        shot("refused");

        browser.find("form#sign-in input#token").clear();
        browser.find("form#sign-in input#token").sendKeys(stack.apiToken());
        submitButton("form#sign-in").click();
        browser.until("the good token leads to /ui/missions", PAGE_WAIT, d -> path(d.getCurrentUrl()).equals("/ui/missions"));
        browser.await("table#missions");
        Cookie session = browser.driver().manage().getCookieNamed("missions_session");
        assertNotNull(session, "signed in with a missions_session cookie");
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        assertFalse(session.getValue().contains(stack.apiToken()), "the session cookie is not the API token");
        assertFalse(String.valueOf(browser.script("return document.cookie")).contains("missions_session"),
                "the page's scripts cannot read the session");
        shot("signed-in");

        submitButton("form#sign-out").click();
        browser.acceptConfirmIfAny();
        browser.until("signing out leaves the missions page", PAGE_WAIT, d -> !path(d.getCurrentUrl()).equals("/ui/missions")
                || d.findElements(By.cssSelector("table#missions")).isEmpty());
        browser.open(coordinator + "/ui/missions");
        browser.until("after sign-out the missions need a sign-in again", PAGE_WAIT,
                d -> d.findElements(By.cssSelector("table#missions")).isEmpty());
        shot("signed-out");
    }

    @Test
    void aMissionStartedFromTheFormRunsLiveToSucceeded() {
        signIn();
        browser.open(coordinator + "/ui/missions/new");
        browser.await("form#new-mission");
        for (String field : List.of("goal", "repository", "baseBranch", "kind", "maxTokens", "maxCostUsd", "plan")) {
            assertTrue(browser.exists("form#new-mission [name=" + field + "]"), "the form has the field " + field);
        }

        // what the server says about a bad request, past the browser's own checks
        browser.script("document.querySelector('form#new-mission').noValidate = true");
        type("form#new-mission [name=repository]", repository);
        type("form#new-mission [name=maxTokens]", "-5");
        submitButton("form#new-mission").click();
        browser.await(".field-error[data-field=goal]", PAGE_WAIT);
        assertFalse(browser.find(".field-error[data-field=goal]").getText().isBlank(), "the goal's error says why");
        assertTrue(browser.exists(".field-error[data-field=maxTokens]"), "a negative token budget is refused too");
        assertFalse(MISSION_PAGE.matcher(browser.url()).find(), "no mission from a refused form: " + browser.url());
        shot("refused");

        String goal = "Add a greeting endpoint, asked from Mission Control " + UUID.randomUUID().toString().substring(0, 8);
        type("form#new-mission [name=goal]", goal);
        type("form#new-mission [name=repository]", repository);
        type("form#new-mission [name=baseBranch]", "main");
        type("form#new-mission [name=maxTokens]", "");
        type("form#new-mission [name=maxCostUsd]", "");
        type("form#new-mission [name=plan]", "");
        submitButton("form#new-mission").click();
        String missionId = browser.until("the new mission's page", PAGE_WAIT, d -> {
            Matcher m = MISSION_PAGE.matcher(d.getCurrentUrl());
            return m.find() ? m.group(1) : null;
        });
        browser.await("#mission-status");
        assertEquals(goal, client.get(missionId).path("goal").asText(), "the form's goal is the mission's");
        shot("created");

        // missions from the API (the form's too) wait for a person here
        JsonNode mission = awaitStatus(missionId, "AWAITING_APPROVAL", "RUNNING", "SUCCEEDED");
        if (mission.path("status").asText().equals("AWAITING_APPROVAL")) {
            awaitPageStatus("AWAITING_APPROVAL");
            command("APPROVE", "the plan is fine");
        }
        Set<String> keys = subtaskKeys(client.get(missionId));
        assertEquals(4, keys.size(), "the sample mission's plan: code, test, review, docs");
        browser.until("the DAG shows every subtask", PAGE_WAIT, d -> dagStatuses().keySet().equals(keys));

        // from here on the page must change by itself
        browser.script("window.__missionControlNoReload = 'same page'");
        browser.until("every DAG node turns SUCCEEDED live", MISSION_TIMEOUT,
                d -> dagStatuses().values().stream().allMatch("SUCCEEDED"::equals));
        browser.until("#mission-status becomes SUCCEEDED live", PAGE_WAIT, d -> pageStatus().equals("SUCCEEDED"));
        assertEquals("same page", browser.script("return window.__missionControlNoReload"),
                "the page changed without reloading");
        for (String key : keys) {
            assertTrue(browser.exists("#subtasks [data-subtask-key='" + key + "']"), "a #subtasks row for " + key);
        }
        assertEquals("SUCCEEDED", client.get(missionId).path("status").asText());
        assertTrue(browser.exists("#timeline"), "the mission page has its timeline");
        shot("succeeded");
        browser.script("window.scrollTo(0, 0)");
        long overflow = ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
        assertTrue(overflow <= 0, "the page fits the window's width; it is " + overflow + " px wider");
        shot("overview"); // the README's picture
    }

    @Test
    void aSubtaskPageShowsEachAttemptsStepsWithTheDroidsSecretsMasked() throws Exception {
        String missionId = client.create(JSON.createObjectNode().put("goal", "Fix the total, secret in the code")
                .put("repository", repositoryHolding("// support key: " + CANARY))).path("id").asText();
        awaitStatus(missionId, "AWAITING_APPROVAL");
        apiCommand(missionId, "APPROVE", "go");
        assertEquals("SUCCEEDED", client.awaitFinal(missionId, MISSION_TIMEOUT).path("status").asText());

        signIn();
        openMission(missionId);
        browser.find("#subtasks tr[data-subtask-key=code] th a").click();
        browser.await("details.attempt[data-attempt='1'] tr[data-step]", PAGE_WAIT);
        assertEquals("SUCCEEDED", browser.find("details.attempt[data-attempt='1']").getDomAttribute("data-outcome"));
        List<String> tools = browser.findAll("details.attempt[data-attempt='1'] code.tool").stream().map(WebElement::getText).toList();
        assertEquals("read_file", tools.getFirst(), "the replayed code droid reads Shop.java first: " + tools);
        assertTrue(tools.contains("edit_file"), tools::toString);
        String firstOutput = browser.find("details.attempt[data-attempt='1'] tr[data-step='1'] pre.output").getText();
        assertTrue(firstOutput.contains("support key: [REDACTED]"), "the secret is masked where it was read: " + firstOutput);
        assertFalse(browser.pageSource().contains(CANARY), "no page shows a droid's secret");
        shot("steps");
    }

    @Test
    void aFailedSubtaskShowsWhyOnItsPage() {
        String missionId = client.create(JSON.createObjectNode().put("goal", "Work on a branch that is not there")
                .put("repository", repository).put("baseBranch", "no-such-branch")).path("id").asText();
        awaitStatus(missionId, "AWAITING_APPROVAL");
        apiCommand(missionId, "APPROVE", "go");
        awaitStatus(missionId, "BLOCKED", "FAILED");

        signIn();
        openMission(missionId);
        browser.find("#subtasks tr[data-subtask-key=code] th a").click();
        browser.await("#subtask-last-error", PAGE_WAIT);
        assertTrue(browser.find("#subtask-last-error").getText().contains("no-such-branch"),
                "the reason names the branch: " + browser.find("#subtask-last-error").getText());
        List<WebElement> attempts = browser.findAll("details.attempt");
        assertTrue(attempts.size() > 1, "every attempt is listed: " + attempts.size());
        assertTrue(attempts.stream().allMatch(a -> "FAILED".equals(a.getDomAttribute("data-outcome"))));
        assertFalse(browser.find("details.attempt .attempt-failure").getText().isBlank(), "each failed attempt says why");
        shot("failed");
        if (!client.get(missionId).path("status").asText().equals("FAILED")) {
            apiCommand(missionId, "CANCEL", "done looking"); // it leaves the stack quiet for the next test
        }
    }

    /** A copy of the sample repository whose Shop.java starts with {@code line}, as a bare repository's URL. */
    private String repositoryHolding(String line) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "repository-");
        git(dir, "clone", "-q", repository, "work");
        Path work = dir.resolve("work");
        Path shop = work.resolve("src/main/java/shop/Shop.java");
        Files.writeString(shop, line + "\n" + Files.readString(shop));
        git(work, "-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "commit", "-qam", "a secret in the code");
        git(dir, "clone", "-q", "--bare", "work", "shop.git");
        return dir.resolve("shop.git").toUri().toString();
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git " + args[0] + ": " + output);
    }

    @Test
    void aPlanWaitingForApprovalIsApprovedFromThePage() {
        String missionId = apiMission("Approve me from the page");
        awaitStatus(missionId, "AWAITING_APPROVAL");
        signIn();
        openMission(missionId);
        awaitPageStatus("AWAITING_APPROVAL");
        Set<String> keys = subtaskKeys(client.get(missionId));
        browser.until("the DAG shows the plan that waits", PAGE_WAIT, d -> dagStatuses().keySet().equals(keys));
        assertFalse(dagStatuses().containsValue("SUCCEEDED"), "nothing ran before approval: " + dagStatuses());
        shot("waiting");

        String reason = "approved in the browser " + UUID.randomUUID().toString().substring(0, 8);
        String notice = command("APPROVE", reason);
        assertFalse(notice.isBlank());
        browser.until("the page leaves AWAITING_APPROVAL", PAGE_WAIT, d -> !pageStatus().equals("AWAITING_APPROVAL"));
        browser.until("the timeline records the approval and its reason", PAGE_WAIT,
                d -> timeline().contains(reason) && timeline().toLowerCase(Locale.ROOT).contains("approved"));
        assertNotEquals("AWAITING_APPROVAL", client.get(missionId).path("status").asText());
        shot("approved");
        client.awaitFinal(missionId, MISSION_TIMEOUT); // it leaves the stack quiet for the next test
    }

    @Test
    void aRunningMissionIsPausedAndResumedFromThePage() {
        String missionId = apiMission("Pause me, then resume me");
        awaitStatus(missionId, "AWAITING_APPROVAL");
        signIn();
        openMission(missionId);
        awaitPageStatus("AWAITING_APPROVAL");
        // the approval is the one moment this test controls: right after it the mission is RUNNING for a while
        command("APPROVE", "go");
        awaitPageStatus("RUNNING");

        String pause = "paused from the page " + UUID.randomUUID().toString().substring(0, 8);
        command("PAUSE", pause);
        awaitPageStatus("PAUSED");
        assertEquals("PAUSED", client.get(missionId).path("status").asText());
        browser.until("the timeline records the pause", PAGE_WAIT, d -> timeline().contains(pause));
        shot("paused");

        String resume = "resumed from the page " + UUID.randomUUID().toString().substring(0, 8);
        command("RESUME", resume);
        browser.until("the page leaves PAUSED", PAGE_WAIT, d -> !pageStatus().equals("PAUSED"));
        browser.until("the timeline records the resume", PAGE_WAIT, d -> timeline().contains(resume));
        shot("resumed");

        browser.until("the resumed mission runs on to SUCCEEDED", MISSION_TIMEOUT, d -> pageStatus().equals("SUCCEEDED"));
        assertEquals("SUCCEEDED", client.get(missionId).path("status").asText());
        assertTrue(timeline().contains(pause) && timeline().contains(resume), "the pause and the resume stay on the timeline");
        shot("succeeded");
    }

    @Test
    void theListCountsFiltersByStatusAndTextAndGrowsLive() {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        String waiting = apiMission("Filter probe " + word + " that waits");
        String cancelled = apiMission("Filter probe that gets cancelled");
        awaitStatus(waiting, "AWAITING_APPROVAL");
        awaitStatus(cancelled, "AWAITING_APPROVAL");
        apiCommand(cancelled, "CANCEL", "not needed");
        awaitStatus(cancelled, "CANCELLED");

        signIn();
        browser.open(coordinator + "/ui/missions");
        browser.await("table#missions");
        browser.until("both probes are listed", PAGE_WAIT, d -> rowIds().containsAll(List.of(waiting, cancelled)));
        assertEquals("AWAITING_APPROVAL", browser.find("tr[data-mission-id='" + waiting + "']").getDomAttribute("data-status"));
        assertEquals("CANCELLED", browser.find("tr[data-mission-id='" + cancelled + "']").getDomAttribute("data-status"));
        assertTrue(count("AWAITING_APPROVAL") >= 1, "#counts counts the waiting mission");
        assertTrue(count("CANCELLED") >= 1, "#counts counts the cancelled mission");
        shot("all");

        // a mission started elsewhere shows up without a reload
        browser.script("window.__missionControlNoReload = 'same page'");
        String live = apiMission("Live row probe");
        browser.until("the new mission's row appears live", PAGE_WAIT, d -> rowIds().contains(live));
        assertEquals("same page", browser.script("return window.__missionControlNoReload"), "the list grew without a reload");
        shot("live-row");

        filter(Map.of("status", "AWAITING_APPROVAL"));
        browser.until("only waiting missions, the waiting probe among them", PAGE_WAIT,
                d -> rowIds().contains(waiting) && !rowIds().contains(cancelled) && rowStatuses().equals(Set.of("AWAITING_APPROVAL")));
        shot("status-awaiting");

        filter(Map.of("status", "CANCELLED"));
        browser.until("only cancelled missions, the cancelled probe among them", PAGE_WAIT,
                d -> rowIds().contains(cancelled) && !rowIds().contains(waiting) && rowStatuses().equals(Set.of("CANCELLED")));
        shot("status-cancelled");

        filter(Map.of("status", "", "q", word));
        browser.until("the text filter finds the one mission whose goal has the word", PAGE_WAIT,
                d -> rowIds().equals(Set.of(waiting)));
        shot("text");

        filter(Map.of("status", "", "q", "", "source", "API", "repository", repository));
        browser.until("source and repository filters keep this stack's API missions", PAGE_WAIT,
                d -> rowIds().containsAll(List.of(waiting, cancelled, live)));
        shot("source-repository");
    }

    @Test
    void aCommandPostedWithoutTheCsrfFieldIsRefused() {
        String missionId = apiMission("Refuse commands without the csrf field");
        awaitStatus(missionId, "AWAITING_APPROVAL");
        signIn();
        openMission(missionId);
        awaitPageStatus("AWAITING_APPROVAL");
        assertTrue(browser.exists("form.action[data-command=CANCEL] input[type=hidden][name=csrf]"),
                "the page's own forms carry the csrf field");

        // the browser sends the session cookie along, as it would for a forged form on another site
        String forged = "forged-" + UUID.randomUUID();
        assertEquals(403L, post(missionId, "{command: 'PAUSE'}"), "a POST without csrf is refused");
        assertEquals(403L, post(missionId, "{command: 'CANCEL', reason: '" + forged + "'}"), "also one that would act");
        assertEquals(403L, post(missionId, "{command: 'CANCEL', csrf: 'forged-" + UUID.randomUUID() + "'}"),
                "and one with a made-up csrf");
        assertEquals("AWAITING_APPROVAL", client.get(missionId).path("status").asText(), "nothing was done");
        browser.open(browser.url());
        awaitPageStatus("AWAITING_APPROVAL");
        assertFalse(timeline().contains(forged), "nothing of the forged commands on the timeline: " + timeline());
        shot("refused");

        // while the page's own form still works
        command("CANCEL", "cancelled with the page's csrf");
        awaitPageStatus("CANCELLED");
        shot("cancelled");
    }

    @Test
    void noPageHoldsTheApiToken() {
        String missionId = apiMission("Keep the token out of pages");
        awaitStatus(missionId, "AWAITING_APPROVAL");
        browser.driver().manage().deleteAllCookies();
        browser.open(coordinator + "/ui/sign-in");
        browser.await("form#sign-in");
        assertNoToken();
        signIn();
        for (String page : List.of("/ui/missions", "/ui/missions/new", "/ui/missions/" + missionId)) {
            browser.open(coordinator + page);
            browser.until(page + " is shown", PAGE_WAIT, d -> !d.getPageSource().isBlank());
            assertNoToken();
            shot(page.substring(4).replace('/', '-'));
        }
        String resources = String.valueOf(browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name).join('\\n')"));
        assertFalse(resources.contains(stack.apiToken()), "no address the page loaded holds the token: " + resources);
    }

    // --- what a person does on the pages

    private void signIn() {
        browser.open(coordinator + "/ui/sign-in");
        browser.await("form#sign-in input#token").sendKeys(stack.apiToken());
        submitButton("form#sign-in").click();
        browser.until("signed in", PAGE_WAIT, d -> path(d.getCurrentUrl()).equals("/ui/missions"));
    }

    private void openMission(String missionId) {
        browser.open(coordinator + "/ui/missions/" + missionId);
        browser.await("#mission-status");
    }

    /** Sends {@code command} from the mission page's own form, accepting its confirm; the notice it answered. */
    private String command(String command, String reason) {
        String form = "form.action[data-command=" + command + "]";
        browser.until("the " + command + " action is offered", PAGE_WAIT, d -> browser.exists(form));
        // a flash from an earlier command must not pass for this one's
        browser.script("document.querySelectorAll('#flash > *').forEach(e => e.remove())");
        WebElement textarea = browser.find(form + " textarea[name=reason]");
        textarea.clear();
        textarea.sendKeys(reason);
        assertTrue(browser.exists(form + " input[type=hidden][name=csrf]"), command + " carries the csrf field");
        submitButton(form).click();
        browser.acceptConfirmIfAny();
        WebElement flash = browser.until(command + " is answered in #flash", PAGE_WAIT, d -> d
                .findElements(By.cssSelector("#flash .notice, #flash .error")).stream().findFirst().orElse(null));
        String text = flash.getText();
        assertTrue(flash.getDomAttribute("class").contains("notice"), command + " was refused: " + text);
        return text;
    }

    private void filter(Map<String, String> values) {
        for (Map.Entry<String, String> field : values.entrySet()) {
            WebElement element = browser.find("form#filters [name=" + field.getKey() + "]");
            if (element.getTagName().equalsIgnoreCase("select")) {
                new Select(element).selectByValue(field.getValue());
            } else {
                element.clear();
                element.sendKeys(field.getValue());
            }
        }
        List<WebElement> buttons = browser.findAll("form#filters button:not([type=button]):not([type=reset]), form#filters input[type=submit]");
        if (buttons.isEmpty()) {
            browser.find("form#filters").submit();
        } else {
            buttons.getFirst().click();
        }
    }

    private WebElement submitButton(String form) {
        List<WebElement> buttons = browser.findAll(form + " button:not([type=button]):not([type=reset]), " + form
                + " input[type=submit]");
        assertFalse(buttons.isEmpty(), form + " has a submit button");
        return buttons.getFirst();
    }

    private void type(String css, String text) {
        WebElement element = browser.find(css);
        if (element.getTagName().equalsIgnoreCase("select")) {
            return;
        }
        element.clear();
        if (!text.isEmpty()) {
            element.sendKeys(text);
        }
    }

    // --- what the pages show

    private String pageStatus() {
        WebElement status = browser.find("#mission-status");
        String attribute = status.getDomAttribute("data-status");
        return (attribute != null && !attribute.isBlank() ? attribute : status.getText()).trim().toUpperCase(Locale.ROOT)
                .replace(' ', '_');
    }

    private void awaitPageStatus(String status) {
        browser.until("#mission-status shows " + status, MISSION_TIMEOUT, d -> pageStatus().equals(status));
    }

    private Map<String, String> dagStatuses() {
        return browser.findAll("svg#dag g.node").stream().collect(Collectors.toMap(n -> n.getDomAttribute("data-key"),
                n -> n.getDomAttribute("data-status"), (a, b) -> a + "," + b));
    }

    private String timeline() {
        return browser.find("#timeline").getText();
    }

    private Set<String> rowIds() {
        return browser.findAll("table#missions tr[data-mission-id]").stream().map(r -> r.getDomAttribute("data-mission-id"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> rowStatuses() {
        return browser.findAll("table#missions tr[data-mission-id]").stream().map(r -> r.getDomAttribute("data-status"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private int count(String status) {
        return Integer.parseInt(browser.find("#counts [data-status=" + status + "] .count").getText().trim());
    }

    /** POSTs a form to the mission's commands from the page, with the session cookie; the answer's status. */
    private Object post(String missionId, String fields) {
        return browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/ui/missions/" + missionId + "/commands', {method: 'POST', body: new URLSearchParams(" + fields + "),"
                + " redirect: 'manual', signal: AbortSignal.timeout(20000)}).then(r => done(r.status))"
                + ".catch(e => done('no answer within 20 s or no answer at all: ' + e));");
    }

    private void shot(String step) {
        browser.screenshot(testName + "-" + step);
        assertNoToken();
    }

    private void assertNoToken() {
        assertFalse(browser.pageSource().contains(stack.apiToken()), "the page at " + browser.url() + " holds the API token");
    }

    private static String path(String url) {
        String path = URI.create(url).getPath();
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    // --- the API, for what happens elsewhere

    private String apiMission(String goal) {
        return client.create(goal, repository).path("id").asText();
    }

    private JsonNode awaitStatus(String missionId, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        Instant deadline = Instant.now().plus(MISSION_TIMEOUT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = client.get(missionId);
                if (wanted.contains(last.path("status").asText())) {
                    return last;
                }
            } catch (IllegalStateException notYet) {
                // admitted through the broker: the mission exists a moment after the request
            }
            ServiceProcess.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("mission " + missionId + " not in " + wanted + " within " + MISSION_TIMEOUT + "; last seen " + last);
    }

    private void apiCommand(String missionId, String command, String reason) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(coordinator + "/missions/" + missionId + "/commands"))
                    .header("Authorization", "Bearer " + stack.apiToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("command", command)
                            .put("reason", reason).toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() / 100 == 2, command + " answered " + response.statusCode() + ": " + response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> subtaskKeys(JsonNode mission) {
        Set<String> keys = new TreeSet<>();
        mission.path("subtasks").forEach(s -> keys.add(s.path("key").asText()));
        return keys;
    }
}
