package dev.missions.schemas.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's provider builds a datum writer, and fingerprints the schema to find its reader, for every record; the
 * bench's profile found that a few percent of a hop's CPU. This one keeps both per schema (a Schema caches its hash
 * and equals itself at once). The readers are
 * the ones Apicurio itself shares between threads; writers keep no state between calls.
 */
public class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** A resolver that hands out a new Schema per record would only cost the old price, never unbounded memory. */
    static final int MAX_CACHED = 64;

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public CachingAvroDatumProvider() {
    }

    public CachingAvroDatumProvider(boolean useSpecificAvroReader) {
        super(useSpecificAvroReader);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return bounded(writers).computeIfAbsent(schema, s -> super.createDatumWriter(data, s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return bounded(readers).computeIfAbsent(schema, super::createDatumReader);
    }

    int cachedWriters() {
        return writers.size();
    }

    private static <V> Map<Schema, V> bounded(Map<Schema, V> cache) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        return cache;
    }
}
