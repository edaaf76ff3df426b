package dev.missions.outbox;

import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A table the relay publishes from: how its rows are marked and read, and which of them are in flight or acknowledged. */
final class RelayedTable {

    /** An update of the rows whose ids are {@code $%1$d}, as a statement's {@code WITH} item. */
    private final String mark;
    /**
     * The unsent rows as (source, id, topic, message_key, record_class, payload, trace_parent), leaving out {@code $%1$d}
     * and {@code $%2$d}.
     */
    private final String read;
    /** Its name in metrics. */
    final String name;
    /** Its unsent rows and the time the oldest was written, as (rows, oldest). */
    final String backlog;
    /** Rows sent and not yet acknowledged: a pass must not read them again. */
    final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Rows the broker acknowledged, for the next pass to mark. */
    final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    private RelayedTable(String name, String mark, String read, String backlog) {
        this.name = name;
        this.mark = mark;
        this.read = read;
        this.backlog = backlog;
    }

    /** The outbox table, then the service's timeline if it relays one. */
    static List<RelayedTable> all(Instance<RelayedTimeline> timeline) {
        List<RelayedTable> tables = new ArrayList<>(List.of(outbox()));
        timeline.stream().map(RelayedTable::of).forEach(tables::add);
        return List.copyOf(tables);
    }

    static RelayedTable outbox() {
        return new RelayedTable("outbox", "update outbox set sent_at = now() where id = any($%1$d)",
                "select %3$d as source, id, topic, message_key, record_class, payload, trace_parent from outbox"
                        + " where sent_at is null and id <> all($%1$d) and id <> all($%2$d) order by id limit $%4$d",
                "select count(*) as rows, min(created_at) as oldest from outbox where sent_at is null");
    }

    static RelayedTable of(RelayedTimeline timeline) {
        return new RelayedTable(timeline.table(), "update " + timeline.table() + " set sent_at = now(), payload = null where id = any($%1$d)",
                "select %3$d as source, id, '" + timeline.topic().topicName() + "' as topic, mission_id::text as message_key, '"
                        + timeline.topic().recordClass().getName() + "' as record_class, payload, trace_parent from " + timeline.table()
                        + " where payload is not null and id <> all($%1$d) and id <> all($%2$d) order by id limit $%4$d",
                "select count(*) as rows, min(occurred_at) as oldest from " + timeline.table() + " where payload is not null");
    }

    /**
     * One statement for all tables: table i's acknowledged ids are $(2i+1), its ids in flight $(2i+2), the batch size the
     * last parameter. The read sees the rows as they were before the marks, so the marked ids are left out as well.
     */
    static String markAndRead(List<RelayedTable> tables) {
        int limit = 2 * tables.size() + 1;
        List<String> marks = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            RelayedTable table = tables.get(i);
            marks.add("mark" + i + " as (" + table.mark.formatted(2 * i + 1) + ")");
            reads.add("(" + table.read.formatted(2 * i + 1, 2 * i + 2, i, limit) + ")");
        }
        return "with " + String.join(", ", marks) + "\n" + String.join("\nunion all\n", reads);
    }

    /** The acknowledged ids, taken for this pass's mark. */
    Long[] takeAcknowledged() {
        List<Long> ids = new ArrayList<>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        return ids.toArray(Long[]::new);
    }

    void forget() {
        inFlight.clear();
        acknowledged.clear();
    }
}
