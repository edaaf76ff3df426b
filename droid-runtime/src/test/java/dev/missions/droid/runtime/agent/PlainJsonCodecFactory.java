package dev.missions.droid.runtime.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.internal.Json;
import dev.langchain4j.spi.json.JsonCodecFactory;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/** A plain Jackson codec for LangChain4j in tests outside Quarkus; the Quarkus one needs a running container. */
public class PlainJsonCodecFactory implements JsonCodecFactory {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public Json.JsonCodec create() {
        return new Json.JsonCodec() {
            @Override
            public String toJson(Object o) {
                try {
                    return MAPPER.writeValueAsString(o);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public <T> T fromJson(String json, Class<T> type) {
                try {
                    return MAPPER.readValue(json, type);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public <T> T fromJson(String json, Type type) {
                try {
                    return MAPPER.readValue(json, MAPPER.constructType(type));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
