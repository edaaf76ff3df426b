package dev.missions.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The statements the coordinator's database runs, from pg_stat_statements: every one counts (BEGIN and COMMIT too,
 * the relay's, the timers' and the streams'), except this connection's own, which it stops tracking for itself.
 */
final class Statements {

    private final Connection db;

    Statements(Connection db) throws SQLException {
        this.db = db;
        try (Statement sql = db.createStatement()) {
            sql.execute("set pg_stat_statements.track = 'none'");
            sql.execute("create extension if not exists pg_stat_statements");
        }
    }

    void reset() throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("select pg_stat_statements_reset()");
        }
    }

    /** Calls of every statement in this database since the last reset. */
    long calls() throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("""
                select coalesce(sum(calls), 0) from pg_stat_statements
                 where dbid = (select oid from pg_database where datname = current_database())""")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
