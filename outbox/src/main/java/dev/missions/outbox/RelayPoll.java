package dev.missions.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The relay's safety net: wakes it every poll interval for rows a crash left behind. It only starts once the
 * application has started, after the messaging wiring (a tick before that cannot build the relay's emitter).
 */
@ApplicationScoped
public class RelayPoll {

    @Inject
    Instance<OutboxRelay> relay;

    private final AtomicBoolean started = new AtomicBoolean();

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        started.set(true);
    }

    @Scheduled(every = "${missions.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started.get()) {
            relay.get().wake();
        }
    }
}
