package dev.missions.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every record schema the services may meet on the wire: the current ones and the released
 * versions kept under {@code avro-history/<Record>/v<n>.avsc}. Ids derive from the schema's
 * parsing fingerprint, so separate processes agree on them without a registry.
 */
public final class SchemaCatalog {

    public static final String HISTORY_ROOT = "avro-history/";

    private static final SchemaCatalog INSTANCE = load();

    private final Map<Long, Schema> byId;
    private final Map<String, List<Schema>> historyByRecord;

    private SchemaCatalog(Map<Long, Schema> byId, Map<String, List<Schema>> historyByRecord) {
        this.byId = Collections.unmodifiableMap(byId);
        this.historyByRecord = Collections.unmodifiableMap(historyByRecord);
    }

    public static SchemaCatalog get() {
        return INSTANCE;
    }

    /** The id of a schema on the wire: the low 31 bits of its 64-bit parsing fingerprint. */
    public static long idOf(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema) & 0x7fff_ffffL;
    }

    public Optional<Schema> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Released versions of a record, oldest first. */
    public List<Schema> history(String recordName) {
        return historyByRecord.getOrDefault(recordName, List.of());
    }

    private static SchemaCatalog load() {
        Map<Long, Schema> byId = new LinkedHashMap<>();
        Map<String, List<Schema>> history = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            Schema current = topic.schema();
            register(byId, current);
            history.computeIfAbsent(current.getFullName(), name -> {
                List<Schema> versions = loadHistory(current.getName());
                versions.forEach(version -> register(byId, version));
                return versions;
            });
        }
        return new SchemaCatalog(byId, history);
    }

    static List<Schema> loadHistory(String simpleName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = SchemaCatalog.class.getClassLoader();
        for (int version = 1; ; version++) {
            String resource = HISTORY_ROOT + simpleName + "/v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    private static void register(Map<Long, Schema> byId, Schema schema) {
        long id = idOf(schema);
        Schema known = byId.putIfAbsent(id, schema);
        if (known != null && !SchemaNormalization.toParsingForm(known).equals(SchemaNormalization.toParsingForm(schema))) {
            throw new IllegalStateException("schema id collision: " + known.getFullName() + " and "
                    + schema.getFullName() + " both have id " + id + "; change a doc-free part of one schema");
        }
    }
}
