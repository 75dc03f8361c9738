package dev.posture.companion.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema, as numbered migrations. Migration {@code n} (1-based) takes the schema from
 * version {@code n-1} to {@code n}; a database records its version in {@code schema_version}. Never
 * edit a migration that has shipped: add the next one.
 */
final class Migrations {
    /** Each entry is one migration: statements run in order, in one transaction with the version bump. */
    static final List<List<String>> ALL = List.of(
            List.of(
                    // One row per device ever seen; state is online, offline or removed (an empty
                    // retained status/config). The status_* columns are the last status's fields.
                    "CREATE TABLE devices ("
                            + " device_id TEXT PRIMARY KEY,"
                            + " state TEXT,"
                            + " firmware TEXT,"
                            + " status_time_ms INTEGER,"
                            + " uptime_ms INTEGER,"
                            + " posture TEXT,"
                            + " sensor TEXT,"
                            + " battery_pct INTEGER,"
                            + " rssi_dbm INTEGER,"
                            + " config_version INTEGER,"
                            + " first_seen_ms INTEGER NOT NULL,"
                            + " last_seen_ms INTEGER NOT NULL)",
                    // The device's own seq is the identity: QoS 1 redeliveries hit the unique key.
                    "CREATE TABLE events ("
                            + " device_id TEXT NOT NULL,"
                            + " seq INTEGER NOT NULL,"
                            + " time_ms INTEGER NOT NULL,"
                            + " uptime_ms INTEGER NOT NULL,"
                            + " type TEXT NOT NULL,"
                            + " json TEXT NOT NULL,"
                            + " received_ms INTEGER NOT NULL,"
                            + " UNIQUE (device_id, seq))",
                    "CREATE INDEX events_by_time ON events (device_id, time_ms)",
                    // Compact: one row per 1 s summary, angles in degrees (null before calibration).
                    "CREATE TABLE telemetry ("
                            + " device_id TEXT NOT NULL,"
                            + " time_ms INTEGER NOT NULL,"
                            + " uptime_ms INTEGER NOT NULL,"
                            + " window_ms INTEGER NOT NULL,"
                            + " posture TEXT NOT NULL,"
                            + " samples INTEGER NOT NULL,"
                            + " missed INTEGER NOT NULL,"
                            + " min_deg REAL,"
                            + " mean_deg REAL,"
                            + " max_deg REAL)",
                    "CREATE INDEX telemetry_by_time ON telemetry (device_id, time_ms)",
                    // Every configuration version a device announced, as its JSON.
                    "CREATE TABLE config_snapshots ("
                            + " device_id TEXT NOT NULL,"
                            + " version INTEGER NOT NULL,"
                            + " json TEXT NOT NULL,"
                            + " received_ms INTEGER NOT NULL,"
                            + " UNIQUE (device_id, version))"));

    private Migrations() {
    }

    /** The schema version this code writes. */
    static int latest() {
        return ALL.size();
    }

    /**
     * Brings the database up to {@link #latest()} in one transaction; returns the version it had.
     *
     * @throws StoreException if the database is newer than this program
     */
    static int apply(Connection db, String name) throws SQLException, StoreException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int from;
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                from = rs.next() ? rs.getInt(1) : 0;
            }
            if (from > latest()) {
                db.rollback();
                throw new StoreException(name + ": schema version " + from + " is newer than this companion's ("
                        + latest() + ")");
            }
            for (int v = from + 1; v <= latest(); v++) {
                for (String sql : ALL.get(v - 1)) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
            db.commit();
            return from;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }
}
