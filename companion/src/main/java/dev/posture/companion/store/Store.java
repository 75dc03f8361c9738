package dev.posture.companion.store;

import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The companion's log: an SQLite database in WAL mode (readers never block the ingest, and a crash
 * loses no committed row). Every write is one transaction. Thread-safe: calls are serialised on
 * this object; several processes (or Store objects) may share one file, SQLite serialising their
 * writes (each waits up to {@link #BUSY_TIMEOUT_MS} for the lock).
 *
 * <pre>{@code
 * try (Store store = Store.open(Path.of("posture.db"))) {
 *     boolean stored = store.addEvent(event, json, receivedMs);   // false for a duplicate (device_id, seq)
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
    /** How long a writer waits for another connection's write lock before failing, ms. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path file;
    private final Connection db;
    private final int openedAtVersion;

    private Store(Path file, Connection db, int openedAtVersion) {
        this.file = file;
        this.db = db;
        this.openedAtVersion = openedAtVersion;
    }

    /** Opens (creating if needed) the database and brings its schema up to date. */
    public static Store open(Path file) throws StoreException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
            throw new StoreException(file + ": folder " + absolute.getParent() + " does not exist");
        }
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                st.execute("PRAGMA journal_mode = WAL");
                // NORMAL in WAL mode: a process crash loses nothing committed; a power cut may lose
                // the last transactions, which the device's QoS 1 redelivery and seq gaps reveal.
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("PRAGMA foreign_keys = ON");
            }
            int from = Migrations.apply(db, file.toString());
            return new Store(file, db, from);
        } catch (SQLException e) {
            closeQuietly(db);
            throw new StoreException(file + ": cannot open the database: " + e.getMessage(), e);
        } catch (StoreException e) {
            closeQuietly(db);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version the file had before {@link #open} migrated it (0 for a new file). */
    public int openedAtVersion() {
        return openedAtVersion;
    }

    /** The schema version now. */
    public synchronized int schemaVersion() throws StoreException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw failed("read the schema version", e);
        }
    }

    /**
     * Stores an event unless {@code (device_id, seq)} is already stored, and marks the device seen.
     *
     * @param json the event's payload as received
     * @return true if stored, false for a duplicate
     */
    public synchronized boolean addEvent(EventMessage event, String json, long receivedMs) throws StoreException {
        return inTransaction("store event " + event.deviceId() + " #" + event.seq(), () -> {
            seen(event.deviceId(), receivedMs);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO events"
                    + " (device_id, seq, time_ms, uptime_ms, type, json, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, event.deviceId().value());
                ps.setLong(2, event.seq());
                ps.setLong(3, event.timeMs());
                ps.setLong(4, event.uptimeMs());
                ps.setString(5, event.type().wireName());
                ps.setString(6, json);
                ps.setLong(7, receivedMs);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records a status: state and every field it carries (absent fields keep their last value). */
    public synchronized void updateStatus(StatusMessage status, long receivedMs) throws StoreException {
        inTransaction("store status of " + status.deviceId(), () -> {
            seen(status.deviceId(), receivedMs);
            try (PreparedStatement ps = db.prepareStatement("UPDATE devices SET state = ?, firmware = ?,"
                    + " status_time_ms = COALESCE(?, status_time_ms), uptime_ms = COALESCE(?, uptime_ms),"
                    + " posture = COALESCE(?, posture), sensor = COALESCE(?, sensor),"
                    + " battery_pct = COALESCE(?, battery_pct), rssi_dbm = COALESCE(?, rssi_dbm),"
                    + " config_version = MAX(COALESCE(?, config_version), COALESCE(config_version, ?))"
                    + " WHERE device_id = ?")) {
                ps.setString(1, status.state().wireName());
                ps.setString(2, status.firmware());
                setLong(ps, 3, status.timeMs());
                setLong(ps, 4, status.uptimeMs());
                ps.setString(5, status.posture() == null ? null : status.posture().wireName());
                ps.setString(6, status.sensor() == null ? null : status.sensor().wireName());
                setLong(ps, 7, status.batteryPct() == null ? null : status.batteryPct().longValue());
                setLong(ps, 8, status.rssiDbm() == null ? null : status.rssiDbm().longValue());
                setLong(ps, 9, status.configVersion());
                setLong(ps, 10, status.configVersion());
                ps.setString(11, status.deviceId().value());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Stores one telemetry summary and marks the device seen. */
    public synchronized void addTelemetry(TelemetryMessage t, long receivedMs) throws StoreException {
        inTransaction("store telemetry of " + t.deviceId(), () -> {
            seen(t.deviceId(), receivedMs);
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO telemetry (device_id, time_ms, uptime_ms,"
                    + " window_ms, posture, samples, missed, min_deg, mean_deg, max_deg)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.deviceId().value());
                ps.setLong(2, t.timeMs());
                ps.setLong(3, t.uptimeMs());
                ps.setInt(4, t.windowMs());
                ps.setString(5, t.posture().wireName());
                ps.setInt(6, t.samples());
                ps.setInt(7, t.missed());
                setDouble(ps, 8, t.minDeg());
                setDouble(ps, 9, t.meanDeg());
                setDouble(ps, 10, t.maxDeg());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Stores a configuration snapshot (once per version) and the device's newest config version. */
    public synchronized void addConfig(ConfigMessage config, String json, long receivedMs) throws StoreException {
        inTransaction("store config of " + config.deviceId(), () -> {
            seen(config.deviceId(), receivedMs);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO config_snapshots"
                    + " (device_id, version, json, received_ms) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, config.deviceId().value());
                ps.setLong(2, config.version());
                ps.setString(3, json);
                ps.setLong(4, receivedMs);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE devices SET config_version ="
                    + " MAX(?, COALESCE(config_version, ?)) WHERE device_id = ?")) {
                ps.setLong(1, config.version());
                ps.setLong(2, config.version());
                ps.setString(3, config.deviceId().value());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Marks a device removed (its retained status or config was deleted); its history stays. */
    public synchronized void markRemoved(DeviceId deviceId, long receivedMs) throws StoreException {
        inTransaction("mark " + deviceId + " removed", () -> {
            seen(deviceId, receivedMs);
            try (PreparedStatement ps = db.prepareStatement("UPDATE devices SET state = 'removed' WHERE device_id = ?")) {
                ps.setString(1, deviceId.value());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Every device, by id. */
    public synchronized List<DeviceRow> devices() throws StoreException {
        return queryDevices(null);
    }

    /** One device, if it was ever seen. */
    public synchronized Optional<DeviceRow> device(DeviceId deviceId) throws StoreException {
        return queryDevices(deviceId).stream().findFirst();
    }

    /**
     * A device's events in {@code seq} order (the device's order; wall-clock time may jump).
     *
     * @param sinceMs only events with {@code time_ms >= sinceMs}, or null for all
     * @param type    only this type, or null for all
     */
    public synchronized List<EventRow> events(DeviceId deviceId, Long sinceMs, EventType type)
            throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT device_id, seq, time_ms, uptime_ms, type, json, received_ms"
                + " FROM events WHERE device_id = ?");
        if (sinceMs != null) {
            sql.append(" AND time_ms >= ?");
        }
        if (type != null) {
            sql.append(" AND type = ?");
        }
        sql.append(" ORDER BY seq");
        try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, deviceId.value());
            if (sinceMs != null) {
                ps.setLong(i++, sinceMs);
            }
            if (type != null) {
                ps.setString(i, type.wireName());
            }
            List<EventRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new EventRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed("read the events of " + deviceId, e);
        }
    }

    /** How many telemetry rows are stored for a device. */
    public synchronized long telemetryCount(DeviceId deviceId) throws StoreException {
        return count("SELECT COUNT(*) FROM telemetry WHERE device_id = ?", deviceId);
    }

    /** The configuration versions stored for a device, ascending. */
    public synchronized List<Long> configVersions(DeviceId deviceId) throws StoreException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT version FROM config_snapshots WHERE device_id = ? ORDER BY version")) {
            ps.setString(1, deviceId.value());
            List<Long> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw failed("read the config snapshots of " + deviceId, e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private List<DeviceRow> queryDevices(DeviceId only) throws StoreException {
        String sql = "SELECT d.device_id, state, firmware, status_time_ms, d.uptime_ms, posture, sensor, battery_pct,"
                + " rssi_dbm, config_version, first_seen_ms, last_seen_ms,"
                + " (SELECT COUNT(*) FROM events e WHERE e.device_id = d.device_id)"
                + " FROM devices d" + (only == null ? "" : " WHERE d.device_id = ?") + " ORDER BY d.device_id";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (only != null) {
                ps.setString(1, only.value());
            }
            List<DeviceRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), longOrNull(rs, 4),
                            longOrNull(rs, 5), rs.getString(6), rs.getString(7), intOrNull(rs, 8), intOrNull(rs, 9),
                            longOrNull(rs, 10), rs.getLong(11), rs.getLong(12), rs.getLong(13)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed("read the devices", e);
        }
    }

    private long count(String sql, DeviceId deviceId) throws StoreException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, deviceId.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failed("count rows of " + deviceId, e);
        }
    }

    /** Creates the device's row on first contact and moves its last-seen time forward. */
    private void seen(DeviceId deviceId, long receivedMs) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO devices (device_id, first_seen_ms, last_seen_ms)"
                + " VALUES (?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                + " last_seen_ms = MAX(last_seen_ms, excluded.last_seen_ms)")) {
            ps.setString(1, deviceId.value());
            ps.setLong(2, receivedMs);
            ps.setLong(3, receivedMs);
            ps.executeUpdate();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) throws StoreException {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException(file + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void closeQuietly(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                // nothing left to save: the connection is being dropped
            }
        }
    }
}
