package dev.missions.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Records as plain Avro binary, for outbox rows: the wire framing is added when they are published. */
public final class AvroBytes {

    /** Per thread: a datum reader keeps state between calls. The relay decodes every row it publishes. */
    private static final ThreadLocal<Map<Class<?>, SpecificDatumReader<SpecificRecord>>> READERS =
            ThreadLocal.withInitial(HashMap::new);

    private AvroBytes() {
    }

    public static byte[] encode(SpecificRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }

    public static SpecificRecord decode(String recordClass, byte[] payload) {
        try {
            Class<?> type = Class.forName(recordClass, true, AvroBytes.class.getClassLoader());
            var reader = READERS.get().computeIfAbsent(type,
                    t -> new SpecificDatumReader<SpecificRecord>(SpecificData.get().getSchema(t)));
            return reader.read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("outbox row names an unknown record class " + recordClass, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode outbox row of " + recordClass, e);
        }
    }
}
