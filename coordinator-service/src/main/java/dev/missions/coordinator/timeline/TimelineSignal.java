package dev.missions.coordinator.timeline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the timeline streams that events were committed, by any coordinator instance: one LISTEN connection per
 * instance, fed by the timeline table's trigger. A stream arms itself before it reads and waits after, so a commit in
 * between wakes it at once. The streams still look on their own now and then: a notification lost while the
 * connection was away, or a gap left by a transaction that rolled back, sends none.
 */
@ApplicationScoped
public class TimelineSignal {

    static final String CHANNEL = "mission_event";

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    public TimelineSignal(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        String first = url.split(",")[0].strip().replaceFirst("^vertx-reactive:", "");
        this.options = PgConnectOptions.fromUri(first).setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> signal());
        subscriber.connect().subscribe().with(connected -> Log.debug("listening for timeline events"),
                failure -> Log.warnf("not listening for timeline events (%s); the streams look every %s instead",
                        failure.getMessage(), TimelinePolling.FALLBACK));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /**
     * Completes at the next commit of timeline events after this call. A copy for each caller: a stream that stops
     * waiting cancels what it waited on (Mutiny does), and that must not fail every other stream's wait.
     */
    public CompletableFuture<Void> armed() {
        return next.get().copy();
    }

    void signal() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }
}
