package dev.missions.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL part of the floor: one single-row insert per transaction on the coordinator's own database. */
final class CommitFloor {

    private static final int WARMUP = 50;

    private CommitFloor() {
    }

    static Distribution measure(Connection coordinatorDb, int samples) throws SQLException {
        try (Statement ddl = coordinatorDb.createStatement()) {
            // a scratch table: the coordinator never reads it, and it is dropped afterwards
            ddl.execute("create table if not exists bench_floor (id bigserial primary key, at timestamptz not null)");
        }
        coordinatorDb.setAutoCommit(true);
        List<Double> commits = new ArrayList<>();
        try (PreparedStatement insert = coordinatorDb.prepareStatement("insert into bench_floor (at) values (now())")) {
            for (int i = 0; i < WARMUP + samples; i++) {
                long started = System.nanoTime();
                insert.executeUpdate();
                if (i >= WARMUP) {
                    commits.add((System.nanoTime() - started) / 1e6);
                }
            }
        } finally {
            try (Statement ddl = coordinatorDb.createStatement()) {
                ddl.execute("drop table if exists bench_floor");
            }
        }
        return Distribution.of(commits);
    }
}
