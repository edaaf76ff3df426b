package dev.missions.coordinator.ui;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The page's one live connection: follows the API's GET /events with the session's token and tells the page which
 * mission changed, as {@code event: mission} (any mission, for the list) and {@code event: mission-<id>} (for that
 * mission's page), with small data: the page fetches what it shows itself. Ids are the API's, so the browser's
 * Last-Event-ID resumes the API's stream where it broke off.
 */
@Page
@Path("/ui/stream")
public class UiStream {

    /** Upstream connections open now: one per open page, none once the pages are gone. */
    static final AtomicInteger OPEN = new AtomicInteger();

    private final MissionsApi api;

    public UiStream(MissionsApi api) {
        this.api = api;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context ContainerRequestContext request,
            @Context Sse sse) {
        String token = MissionPages.session(request).token();
        String resume = lastEventId == null || !lastEventId.strip().matches("\\d{1,18}") ? null : lastEventId.strip();
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> follow(token, resume, sse, emitter));
    }

    /** Reads the upstream on a virtual thread; the browser going away cancels, which closes the upstream. */
    private void follow(String token, String resume, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
        AtomicReference<Stream<String>> upstream = new AtomicReference<>();
        emitter.onTermination(() -> {
            Stream<String> lines = upstream.getAndSet(null);
            if (lines != null) {
                lines.close();
            }
        });
        Thread.ofVirtual().name("ui-stream").start(() -> {
            OPEN.incrementAndGet();
            try (Stream<String> lines = api.events(token, resume)) {
                upstream.set(lines);
                if (emitter.isCancelled()) {
                    return;
                }
                relay(lines.iterator(), sse, emitter);
                emitter.complete();
            } catch (RuntimeException | java.io.IOException e) {
                if (!emitter.isCancelled()) {
                    Log.debugf("Mission Control stream ended: %s", e.getMessage());
                    emitter.complete(); // the browser reconnects with its Last-Event-ID
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } finally {
                OPEN.decrementAndGet();
            }
        });
    }

    private static void relay(Iterator<String> lines, Sse sse, MultiEmitter<? super OutboundSseEvent> emitter) {
        String id = null;
        String type = null;
        String data = null;
        while (!emitter.isCancelled() && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                String missionId = data == null ? null : missionId(data);
                if (id != null && missionId != null) {
                    emitter.emit(sse.newEventBuilder().id(id).name("mission").data(String.class, missionId).build());
                    emitter.emit(sse.newEventBuilder().id(id).name("mission-" + missionId).data(String.class, type).build());
                }
                id = null;
                type = null;
                data = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data = (data == null ? "" : data + "\n") + line.substring(5).strip();
            }
        }
    }

    /** The mission id from the event's JSON; a UUID, or nothing (never raw text from upstream into an event name). */
    static String missionId(String data) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("\"missionId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"").matcher(data);
        return matcher.find() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }
}
