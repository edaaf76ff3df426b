package dev.missions.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionEvent;
import dev.missions.events.SubtaskHeartbeat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.junit.jupiter.api.Test;

class CachingAvroDatumProviderTest {

    final CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>(true);

    @Test
    void oneWriterAndReaderPerSchema() {
        Schema schema = SubtaskHeartbeat.getClassSchema();
        DatumWriter<Object> writer = provider.createDatumWriter(null, schema);
        DatumReader<Object> reader = provider.createDatumReader(schema);

        assertSame(writer, provider.createDatumWriter(null, schema));
        assertSame(reader, provider.createDatumReader(schema));
        assertNotSame(writer, provider.createDatumWriter(null, MissionEvent.getClassSchema()));
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < 3 * CachingAvroDatumProvider.MAX_CACHED; i++) {
            provider.createDatumWriter(null, Schema.createRecord("R" + i, null, "bench", false, List.of()));
            assertTrue(provider.cachedWriters() <= CachingAvroDatumProvider.MAX_CACHED, "cached " + provider.cachedWriters());
        }
    }
}
