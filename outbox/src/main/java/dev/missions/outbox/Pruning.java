package dev.missions.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** Bounded deletes of rows that outlived their use (sent outbox rows, old inbox ids), for scheduled passes. */
public final class Pruning {

    public static final int BATCH = 10_000;

    private Pruning() {
    }

    /**
     * Runs {@code delete} (deleting at most $2 rows from before $1) until a batch comes back short, so no statement
     * holds many locks; the number deleted.
     */
    public static Uni<Integer> before(Pool client, String delete, OffsetDateTime cutoff) {
        return client.preparedQuery(delete).execute(Tuple.of(cutoff, BATCH)).map(rows -> rows.rowCount())
                .flatMap(deleted -> deleted < BATCH ? Uni.createFrom().item(deleted)
                        : before(client, delete, cutoff).map(more -> deleted + more));
    }

    /** One scheduled pass: a failure is logged and left to the next pass. */
    public static Uni<Void> pass(String what, Uni<Integer> pruning) {
        return pruning.onFailure().invoke(failure -> Log.warnf(failure, "%s pruning failed; the next pass tries again", what))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }
}
