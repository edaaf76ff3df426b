package dev.missions.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the records each channel sends to its dead-letter topic, whatever sent them there: a nack of ours, or the
 * connector refusing bytes it could not read. The Kafka connector wires its dead-letter producer as a channel named
 * {@code <channel>-dead-letter-queue}; the count is labelled with the topic the channel consumes.
 */
@ApplicationScoped
public class DeadLetterCount implements SubscriberDecorator {

    private static final String SUFFIX = "-dead-letter-queue";

    private final MeterRegistry registry;
    private final Config config;

    DeadLetterCount(MeterRegistry registry, Config config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> toBeSubscribed, List<String> channelName,
            boolean isConnector) {
        String channel = channelName.isEmpty() ? "" : channelName.get(0);
        if (!isConnector || !channel.endsWith(SUFFIX)) {
            return toBeSubscribed;
        }
        String source = channel.substring(0, channel.length() - SUFFIX.length());
        String topic = config.getOptionalValue("mp.messaging.incoming." + source + ".topic", String.class).orElse(source);
        Counter dead = Counter.builder("missions.dead.letters").tag("topic", topic)
                .description("Records sent to a dead-letter topic, by the topic they came from").register(registry);
        return toBeSubscribed.invoke(message -> dead.increment());
    }
}
