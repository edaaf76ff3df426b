package dev.missions.coordinator;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A real HTTP client reading GET /missions/{id}/events as it arrives. */
final class EventStream {

    record Event(long id, String type, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended;
    final int status;
    final String contentType;

    private final Stream<String> body;

    private EventStream(HttpResponse<Stream<String>> response) {
        body = response.body();
        status = response.statusCode();
        contentType = response.headers().firstValue("content-type").orElse("");
        ended = CompletableFuture.runAsync(() -> read(response.body()));
    }

    static EventStream open(String missionId, Long lastEventId) throws Exception {
        return openPath("/missions/" + missionId + "/events", lastEventId);
    }

    /** GET /events: every mission's events; it never ends, so the test closes it. */
    static EventStream openAll(Long lastEventId) throws Exception {
        return openPath("/events", lastEventId);
    }

    static EventStream openAllFromLatest() throws Exception {
        return openPath("/events?from=latest", null);
    }

    private static EventStream openPath(String path, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + Missions.TOKEN).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        return new EventStream(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    Event await(Predicate<Event> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Event event : events) {
                if (match.test(event)) {
                    return event;
                }
            }
            Missions.sleep(50);
        }
        throw new AssertionError("no matching event; got " + events);
    }

    /** Stops reading: the connection closes. */
    void close() {
        body.close();
    }

    /** Waits until the server ends the stream. */
    void awaitEnd(Duration timeout) throws Exception {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(Stream<String> lines) {
        List<String> block = new ArrayList<>();
        lines.forEach(line -> {
            if (!line.isEmpty()) {
                block.add(line);
                return;
            }
            Long id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String field : block) {
                String value = field.substring(field.indexOf(':') + 1).stripLeading();
                if (field.startsWith("id:")) {
                    id = Long.parseLong(value);
                } else if (field.startsWith("event:")) {
                    type = value;
                } else if (field.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(value);
                }
            }
            if (id != null) {
                events.add(new Event(id, type, data.toString()));
            }
            block.clear();
        });
    }
}
