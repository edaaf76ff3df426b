package dev.missions.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements the coordinator's database runs, from pg_stat_statements: every one counts (BEGIN and COMMIT too,
 * the relay's, the timers' and the streams'), except this connection's own, which it stops tracking for itself.
 */
final class Statements {

    private static final String THIS_DATABASE = "dbid = (select oid from pg_database where datname = current_database())";

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
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements where " + THIS_DATABASE)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The {@code n} statements called most since the last reset: their calls, then their text with spaces squeezed. */
    List<String> top(int n) throws SQLException {
        List<String> top = new ArrayList<>();
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "select calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements where " + THIS_DATABASE
                        + " order by calls desc limit " + n)) {
            while (rows.next()) {
                String text = rows.getString(2);
                top.add(rows.getLong(1) + " " + (text.length() > 160 ? text.substring(0, 160) + "…" : text));
            }
        }
        return top;
    }
}
