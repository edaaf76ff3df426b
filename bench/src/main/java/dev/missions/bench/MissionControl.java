package dev.missions.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;

/**
 * The dashboard's figures on thousands of stored missions ({@link StoredMissions}), each beside a baseline from the
 * same run:
 * <ul>
 * <li>the missions page's time (GET /ui/missions, signed in by its cookie; its default view and filtered, searched and
 * paged ones) beside the API's GET /missions with the same filters, which the page itself calls: alternating, on one
 * kept-alive loopback connection each, after a warm-up;</li>
 * <li>a mission page's first contentful paint in headless Chromium, beside the sign-in page's (the same frame, styles
 * and scripts, no mission);</li>
 * <li>how long after a command's event is written the mission page shows it: a running mission is paused through the
 * API while its page is open, and a MutationObserver in the page notes when its status reads PAUSED; beside it, when
 * the API's own event stream (GET /events) delivered the same event to a plain client.</li>
 * </ul>
 * Without Chromium the browser figures are not measured, with the reason; the page's time needs no browser.
 */
final class MissionControl {

    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);
    private static final Pattern MISSION_ID = Pattern.compile("\"missionId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final String STATUS_OF_PAGE = """
            const s = document.getElementById('mission-status'); return s ? s.dataset.status : null;""";
    private static final String PAINT = """
            const fcp = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
            const nav = performance.getEntriesByType('navigation')[0];
            if (!fcp || !nav) { return null; }
            return {fcp: fcp.startTime, responseStart: nav.responseStart, domContentLoaded: nav.domContentLoadedEventEnd,
                    load: nav.loadEventEnd, path: location.pathname};""";
    private static final String STREAM_OPEN = """
            const e = document.querySelector('[sse-connect]');
            const d = e && e['htmx-internal-data'];
            return d && d.sseEventSource ? d.sseEventSource.readyState : -1;""";
    /** Notes, once, when the page's status first reads PAUSED: epoch milliseconds from the page's high-resolution clock. */
    private static final String OBSERVE = """
            window.benchShownAt = null;
            window.benchObserver = new MutationObserver(() => {
              const s = document.getElementById('mission-status');
              if (window.benchShownAt === null && s && s.dataset.status === 'PAUSED') {
                window.benchShownAt = performance.timeOrigin + performance.now();
                window.benchShownAtWallClock = Date.now();
              }
            });
            window.benchObserver.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});""";

    /** Samples of one series, in milliseconds. */
    record Series(List<Double> samples) {

        Series() {
            this(new ArrayList<>());
        }

        void add(double ms) {
            samples.add(ms);
        }

        double p50() {
            return Distribution.percentile(samples, 0.50);
        }

        double p95() {
            return Distribution.percentile(samples, 0.95);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>(Distribution.of(samples).toMap());
            map.put("p95_ms", Figures.round(p95()));
            return map;
        }
    }

    /** The missions page's time and its baseline, over every variant, and per variant. */
    record ListTimes(Series page, Series api, Map<String, Series[]> variants, int rounds, int warmUpRounds) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("rounds", rounds);
            map.put("warm_up_rounds", warmUpRounds);
            map.put("ui_missions_page", page.toMap());
            map.put("api_get_missions", api.toMap());
            Map<String, Object> each = new LinkedHashMap<>();
            variants.forEach((query, series) -> each.put(query.isEmpty() ? "(default)" : query,
                    Map.of("ui_p50_ms", Figures.round(series[0].p50()), "ui_p95_ms", Figures.round(series[0].p95()),
                            "api_p50_ms", Figures.round(series[1].p50()), "api_p95_ms", Figures.round(series[1].p95()))));
            map.put("variants", each);
            return map;
        }
    }

    /** What Chromium measured: first paints, and how long changes took to show. */
    record BrowserTimes(String version, Series missionPaint, Series signInPaint, Series missionResponseStart,
            Series shownAfterEvent, Series shownAfterReply, Series apiStreamAfterEvent, double clockSkewMsMax) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("chromium", version);
            Map<String, Object> render = new LinkedHashMap<>();
            render.put("mission_page_first_contentful_paint", missionPaint.toMap());
            render.put("mission_page_response_start", missionResponseStart.toMap());
            render.put("baseline_sign_in_page_first_contentful_paint", signInPaint.toMap());
            map.put("first_render", render);
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("page_shows_it_after_the_event", shownAfterEvent.toMap());
            update.put("page_shows_it_after_the_api_replied", shownAfterReply.toMap());
            update.put("baseline_api_stream_delivers_it_after_the_event", apiStreamAfterEvent.toMap());
            update.put("page_clock_vs_wall_clock_ms_max", Figures.round(clockSkewMsMax));
            map.put("update", update);
            return map;
        }
    }

    record Outcome(StoredMissions.Stored stored, long missionsInFlightFromTheRun, ListTimes list, BrowserTimes browser,
            String browserNotMeasured) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>(stored.toMap());
            map.put("unfinished_missions_from_the_run", missionsInFlightFromTheRun);
            map.put("list", list.toMap());
            if (browser != null) {
                map.put("browser", browser.toMap());
            } else {
                map.put("browser_not_measured", browserNotMeasured);
            }
            return map;
        }
    }

    private final String base;
    private final String token;
    private final Connection db;
    private final BenchSize size;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    MissionControl(String coordinatorUrl, String apiToken, Connection db, BenchSize size) {
        this.base = coordinatorUrl.replaceAll("/+$", "");
        this.token = apiToken;
        this.db = db;
        this.size = size;
    }

    Outcome measure(Path scratch) throws Exception {
        StoredMissions.Stored stored = StoredMissions.store(db, size.uiMissions());
        long inFlight = StoredMissions.count(db, "select count(*) from mission where correlation_id not like '"
                + StoredMissions.MARK + "%' and status not in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'BLOCKED')");
        System.out.printf("Mission Control: %d missions stored in %.1f s (%d in the table, %d unfinished from the run)%n",
                stored.missions(), stored.seconds(), stored.missionsInTable(), inFlight);
        readsLikeItsOwn();
        ListTimes list = listTimes(stored.missions());
        System.out.printf("Mission Control: missions page p50 %s p95 %s; API GET /missions p50 %s p95 %s%n",
                Figures.ms(list.page().p50()), Figures.ms(list.page().p95()), Figures.ms(list.api().p50()),
                Figures.ms(list.api().p95()));
        Optional<String> missing = Chromium.missing();
        if (missing.isPresent()) {
            System.out.println("Mission Control: browser figures not measured: " + missing.get());
            return new Outcome(stored, inFlight, list, null, missing.get());
        }
        BrowserTimes browser;
        try {
            browser = browserTimes(scratch);
        } catch (Exception | AssertionError e) {
            // the run's other figures stand; this one says what went wrong instead of a value
            String reason = "Chromium could not measure the pages: " + e;
            System.out.println("Mission Control: " + reason);
            e.printStackTrace(System.out);
            return new Outcome(stored, inFlight, list, null, reason);
        }
        System.out.printf("Mission Control: first contentful paint p50 %s (sign-in page %s); change on screen p50 %s after "
                + "its event (API stream %s)%n", Figures.ms(browser.missionPaint().p50()),
                Figures.ms(browser.signInPaint().p50()), Figures.ms(browser.shownAfterEvent().p50()),
                Figures.ms(browser.apiStreamAfterEvent().p50()));
        return new Outcome(stored, inFlight, list, browser, null);
    }

    /** One stored mission of each status, through the API and its page: whole, or the figures would time an error. */
    private void readsLikeItsOwn() throws Exception {
        String cookie = signIn();
        for (String status : List.of("SUCCEEDED", "FAILED", "CANCELLED", "BLOCKED", "RUNNING", "PAUSED", "AWAITING_APPROVAL",
                "PLANNING", "REQUESTED")) {
            for (String id : StoredMissions.ids(db, status, 1)) {
                HttpResponse<String> api = http.send(get("/missions/" + id).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> page = http.send(get("/ui/missions/" + id).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString());
                int subtasks = page.body().split("data-subtask-key=", -1).length - 1;
                if (api.statusCode() != 200 || !api.body().contains("\"status\":\"" + status + "\"") || page.statusCode() != 200
                        || subtasks != 3 || !page.body().contains("data-type=\"ACCEPTED\"")) {
                    throw new IllegalStateException("a stored " + status + " mission does not read like one of the "
                            + "coordinator's own: the API answered " + api.statusCode() + ", its page " + page.statusCode()
                            + " with " + subtasks + " subtasks: " + api.body().substring(0, Math.min(400, api.body().length())));
                }
            }
        }
    }

    // --- the missions page

    private ListTimes listTimes(int stored) throws Exception {
        List<String> queries = List.of("", "status=RUNNING", "source=GITHUB", "repository="
                + URLEncoder.encode(StoredMissions.REPOSITORIES.get(3), StandardCharsets.UTF_8),
                "q=" + StoredMissions.SEARCH_WORD, "status=SUCCEEDED&offset=" + stored / 4);
        String cookie = signIn();
        Map<String, Series[]> variants = new LinkedHashMap<>();
        queries.forEach(query -> variants.put(query, new Series[] {new Series(), new Series()}));
        Series page = new Series();
        Series api = new Series();
        int warmUp = size.uiListRounds() / 5;
        for (int round = 0; round < warmUp + size.uiListRounds(); round++) {
            for (String query : queries) {
                String suffix = query.isEmpty() ? "" : "?" + query;
                // alternating, so that whatever else the machine does falls on both alike
                double ui = time(get("/ui/missions" + suffix).header("Cookie", cookie), "<table");
                double baseline = time(get("/missions" + suffix).header("Authorization", "Bearer " + token), "\"items\"");
                if (round >= warmUp) {
                    page.add(ui);
                    api.add(baseline);
                    variants.get(query)[0].add(ui);
                    variants.get(query)[1].add(baseline);
                }
            }
        }
        return new ListTimes(page, api, variants, size.uiListRounds(), warmUp);
    }

    /** Signs in as a person does, with the API token, and returns the session cookie the page set. */
    private String signIn() throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("missions_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("signing in to Mission Control answered " + reply.statusCode()
                        + " without a session cookie"));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    /** From sending the request to the last byte of a 200 whose body holds {@code expected}. */
    private double time(HttpRequest.Builder request, String expected) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        long started = System.nanoTime();
        HttpResponse<String> reply = http.send(built, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - started) / 1e6;
        if (reply.statusCode() != 200 || !reply.body().contains(expected)) {
            throw new IllegalStateException(built.uri() + " answered " + reply.statusCode() + ": "
                    + reply.body().substring(0, Math.min(300, reply.body().length())));
        }
        return ms;
    }

    // --- Chromium

    private BrowserTimes browserTimes(Path scratch) throws Exception {
        try (Chromium chromium = Chromium.start(scratch.resolve("browsers"))) {
            signIn(chromium);
            Series missionPaint = new Series();
            Series signInPaint = new Series();
            Series responseStart = new Series();
            List<String> shown = StoredMissions.ids(db, null, size.uiBrowserSamples() + 1);
            paint(chromium, "/ui/missions/" + shown.get(0), "/ui/missions/"); // the styles and scripts into the cache
            paint(chromium, "/ui/sign-in", "/ui/sign-in");
            for (String id : shown.subList(1, shown.size())) {
                Map<?, ?> mission = paint(chromium, "/ui/missions/" + id, "/ui/missions/" + id);
                missionPaint.add(number(mission.get("fcp")));
                responseStart.add(number(mission.get("responseStart")));
                signInPaint.add(number(paint(chromium, "/ui/sign-in", "/ui/sign-in").get("fcp")));
            }
            Series afterEvent = new Series();
            Series afterReply = new Series();
            Series apiStream = new Series();
            double skew = 0;
            try (ApiStream stream = ApiStream.open(http, base, token)) {
                List<String> running = StoredMissions.ids(db, "RUNNING", size.uiBrowserSamples());
                if (running.size() < size.uiBrowserSamples()) {
                    throw new IllegalStateException("only " + running.size() + " stored missions are running");
                }
                Map<String, Double> eventAt = new LinkedHashMap<>();
                for (String id : running) {
                    double[] times = update(chromium, id);
                    double event = eventAtMs(id);
                    eventAt.put(id, event);
                    afterEvent.add(times[0] - event);
                    afterReply.add(times[0] - times[1]);
                    skew = Math.max(skew, Math.abs(times[2]));
                }
                for (Map.Entry<String, Double> event : eventAt.entrySet()) {
                    apiStream.add(stream.await(event.getKey(), SHOWN_WITHIN) - event.getValue());
                }
            }
            return new BrowserTimes(chromium.version(), missionPaint, signInPaint, responseStart, afterEvent, afterReply,
                    apiStream, skew);
        }
    }

    private void signIn(Chromium chromium) throws InterruptedException {
        chromium.open(base + "/ui/sign-in");
        chromium.driver().findElement(By.cssSelector("form#sign-in input#token")).sendKeys(token);
        chromium.driver().findElement(By.cssSelector("form#sign-in button[type=submit]")).click();
        waitFor("signed in to Mission Control in Chromium", () -> URI.create(chromium.driver().getCurrentUrl()).getPath()
                .equals("/ui/missions") ? true : null);
    }

    /** Opens {@code path} and returns its paint and navigation timings, once it has painted. */
    private Map<?, ?> paint(Chromium chromium, String path, String expectedPath) throws InterruptedException {
        chromium.open(base + path);
        Map<?, ?> timings = waitFor("the first contentful paint of " + path, () -> (Map<?, ?>) chromium.script(PAINT));
        if (!String.valueOf(timings.get("path")).startsWith(expectedPath)) {
            throw new IllegalStateException("opening " + path + " in Chromium showed " + timings.get("path"));
        }
        return timings;
    }

    /**
     * Opens a running mission's page, waits for its live stream, pauses the mission through the API and waits for the
     * page to show it: when it did, when the API replied, and how far the page's clock was from its wall clock (ms).
     */
    private double[] update(Chromium chromium, String id) throws Exception {
        chromium.open(base + "/ui/missions/" + id);
        waitFor("mission " + id + " shown as running", () -> "RUNNING".equals(chromium.script(STATUS_OF_PAGE)) ? true : null);
        waitFor("the live stream of mission " + id + "'s page", () -> number(chromium.script(STREAM_OPEN)) == 1 ? true : null);
        // the coordinator opens the page's upstream to the API's events after the browser's stream is open: a moment
        Thread.sleep(1000);
        chromium.script(OBSERVE);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/missions/" + id + "/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"PAUSE\",\"reason\":\"bench: time to screen\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        double repliedAt = epochMs(Instant.now());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("pausing mission " + id + " answered " + reply.statusCode() + ": " + reply.body());
        }
        Map<?, ?> shown = waitFor("mission " + id + "'s page shows it paused", SHOWN_WITHIN, () -> (Map<?, ?>) chromium.script(
                "return window.benchShownAt === null ? null : {at: window.benchShownAt, wall: window.benchShownAtWallClock}"));
        double at = number(shown.get("at"));
        return new double[] {at, repliedAt, at - number(shown.get("wall"))};
    }

    /** When the mission's PAUSED event was written: in the transaction that paused it, so at or before its commit. */
    private double eventAtMs(String missionId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select occurred_at from mission_event where mission_id = ?::uuid"
                + " and type = 'PAUSED' order by id desc limit 1")) {
            query.setString(1, missionId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no PAUSED event for mission " + missionId);
                }
                return epochMs(rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
            }
        }
    }

    static double epochMs(Instant instant) {
        return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
    }

    private static double number(Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("the page answered " + value + " where a number was expected");
        }
        return number.doubleValue();
    }

    private interface Check<T> {
        T now() throws Exception;
    }

    private static <T> T waitFor(String what, Check<T> check) throws InterruptedException {
        return waitFor(what, Duration.ofSeconds(20), check);
    }

    private static <T> T waitFor(String what, Duration timeout, Check<T> check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = check.now();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not within " + timeout.toSeconds() + " s: " + what
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    /**
     * The baseline of the change on screen: the API's own stream of every mission's events (from=latest), read by a
     * plain client, noting when each mission's PAUSED event arrived (epoch ms).
     */
    private static final class ApiStream implements AutoCloseable {

        private final Map<String, Double> pausedAt = new ConcurrentHashMap<>();
        private final Stream<String> lines;
        private final Thread reader;

        private ApiStream(Stream<String> lines) {
            this.lines = lines;
            this.reader = Thread.ofVirtual().name("bench-api-stream").start(this::read);
        }

        static ApiStream open(HttpClient http, String base, String token) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/events?from=latest"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (reply.statusCode() != 200) {
                reply.body().close();
                throw new IllegalStateException("GET /events answered " + reply.statusCode());
            }
            ApiStream stream = new ApiStream(reply.body());
            Thread.sleep(1000); // the stream reads its starting point once it is subscribed
            return stream;
        }

        private void read() {
            String type = null;
            String data = null;
            try {
                for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        Matcher id = data == null ? null : MISSION_ID.matcher(data);
                        if ("PAUSED".equals(type) && id != null && id.find()) {
                            pausedAt.putIfAbsent(id.group(1).toLowerCase(java.util.Locale.ROOT), epochMs(Instant.now()));
                        }
                        type = null;
                        data = null;
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? "" : data + "\n") + line.substring(5).strip();
                    }
                }
            } catch (RuntimeException closed) {
                // closed at the end of the measurement
            }
        }

        double await(String missionId, Duration timeout) throws InterruptedException {
            return waitFor("the API's event stream delivers mission " + missionId + "'s PAUSED event", timeout,
                    () -> pausedAt.get(missionId));
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
        }
    }
}
