package dev.missions.schemas.serde;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what {@link MissionsAvroSerializer} writes into the generated specific record classes. */
public class MissionsAvroDeserializer implements Deserializer<Object> {

    static final String SPECIFIC_READER = "apicurio.registry.use-specific-avro-reader";

    private AvroKafkaDeserializer<Object> delegate;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> effective = RegistryMode.withDefaults(configs);
        effective.putIfAbsent(SPECIFIC_READER, "true");
        RegistryClientFacade facade = RegistryMode.facadeFor(effective);
        delegate = facade == null ? new AvroKafkaDeserializer<>() : new AvroKafkaDeserializer<>(facade);
        delegate.configure(effective, isKey);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return delegate.deserialize(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return delegate.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
    }
}
