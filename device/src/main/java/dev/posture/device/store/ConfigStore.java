package dev.posture.device.store;

import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigFile;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.config.ConfigProblem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's config: loaded at start-up with a fallback to the last good copy, changed all or
 * nothing, written atomically, and audited.
 *
 * <p>Files in the directory: {@value #CONFIG_FILE} (the config), {@value #GOOD_FILE} (a copy of the
 * last config that loaded or saved cleanly), {@value #AUDIT_FILE} (the audit log, see
 * {@link AuditLog}); {@code *.tmp} only while a save is in progress.
 *
 * <p>Threads: the serial console, MQTT and button threads call {@link #apply}; one lock makes them
 * take turns, so versions grow by one per change and the audit lines of one change stay together.
 * The sampling loop never calls in here: it reads {@link #current()} (a volatile field) or gets each
 * new config through {@link #subscribe}, called on the applying thread after the change is saved.
 */
public final class ConfigStore implements Closeable {
    public static final String CONFIG_FILE = "device.properties";
    public static final String GOOD_FILE = "device.properties.good";
    public static final String AUDIT_FILE = "audit.jsonl";

    /** First line of every file the store writes: such a file must also end with {@link #END_LINE}. */
    static final String FIRST_LINE = "# Written by the posture device's config store. Keep the last line when editing:";
    static final String SECOND_LINE = "# a file that starts like this one and lacks it counts as cut short.";
    static final String END_LINE = "# End of the config file.";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final Path configFile;
    private final Path goodFile;
    private final Clock clock;
    private final AtomicFiles.Steps steps;
    private final AuditLog audit;
    private final List<String> loadReport;
    private final List<Consumer<Config>> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private volatile Config current;
    private long auditFailures; // guarded by writeLock

    private ConfigStore(Path configFile, Clock clock, AtomicFiles.Steps steps, AuditLog audit) {
        this.configFile = configFile;
        this.goodFile = configFile.resolveSibling(configFile.getFileName() + ".good");
        this.clock = clock;
        this.steps = steps;
        this.audit = audit;
        this.loadReport = new ArrayList<>();
    }

    /**
     * Opens the store in {@code dir} (created if missing) and loads the config. Never fails because
     * of a file's content: problems are in {@link #loadReport()} and logged, and the store falls back
     * to the last good copy, then to the defaults.
     *
     * @throws IOException only when the directory or the audit log cannot be opened at all
     */
    public static ConfigStore open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, AtomicFiles.Steps.NONE);
    }

    /**
     * As {@link #open(Path, Clock)} with the config file named by the caller ({@code run --config
     * FILE}): the last good copy is {@code FILE.good} and the audit log {@value #AUDIT_FILE} beside it.
     */
    public static ConfigStore openFile(Path configFile, Clock clock) throws IOException {
        Path file = configFile.toAbsolutePath();
        return open(file.getParent(), file, clock, AtomicFiles.Steps.NONE);
    }

    static ConfigStore open(Path dir, Clock clock, AtomicFiles.Steps steps) throws IOException {
        return open(dir, dir.resolve(CONFIG_FILE), clock, steps);
    }

    private static ConfigStore open(Path dir, Path configFile, Clock clock, AtomicFiles.Steps steps)
            throws IOException {
        Files.createDirectories(dir);
        AuditLog audit = AuditLog.open(dir.resolve(AUDIT_FILE));
        ConfigStore store = new ConfigStore(configFile, Objects.requireNonNull(clock, "clock"), steps, audit);
        try {
            store.load();
        } catch (RuntimeException e) {
            audit.close();
            throw e;
        }
        return store;
    }

    /** The config in effect; safe to read from any thread, including the sampling loop. */
    public Config current() {
        return current;
    }

    /** One line per problem found at start-up (file named), plus what was used instead; empty when all was well. */
    public List<String> loadReport() {
        return List.copyOf(loadReport);
    }

    /** Audit appends that failed since start (each also logged); a change still takes effect. */
    public long auditFailures() {
        synchronized (writeLock) {
            return auditFailures;
        }
    }

    /**
     * Calls {@code listener} with every config applied from now on, in version order, on the thread
     * that applied it (never the sampling loop). A loop should only store it in a volatile field.
     */
    public void subscribe(Consumer<Config> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Validates and applies a change computed against the current config while holding the lock,
     * e.g. {@code store.apply(c -> ConfigChange.set(c, key, value), ChangeOrigin.serial())}. Preferred
     * over {@link #apply(ConfigChange.Result, ChangeOrigin)}: it cannot be stale.
     *
     * @return the change's result; on problems nothing was written and {@code config()} is the current one
     * @throws IOException when the config file could not be written; then nothing changed
     */
    public ConfigChange.Result apply(Function<Config, ConfigChange.Result> change, ChangeOrigin origin)
            throws IOException {
        synchronized (writeLock) {
            return commit(current, change.apply(current), origin);
        }
    }

    /**
     * Applies a change already validated by the caller. Refused (with one problem, nothing written)
     * if another change was applied since the result was computed.
     */
    public ConfigChange.Result apply(ConfigChange.Result result, ChangeOrigin origin) throws IOException {
        synchronized (writeLock) {
            Config base = current;
            if (result.ok() && !result.changes().isEmpty() && !basedOn(result, base)) {
                return new ConfigChange.Result(base, List.of(), List.of(new ConfigProblem(0, "",
                        "the config changed meanwhile (now version " + base.version() + "); nothing applied")));
            }
            return commit(base, result, origin);
        }
    }

    private static boolean basedOn(ConfigChange.Result result, Config base) {
        if (result.config().version() != base.version() + 1) {
            return false;
        }
        return result.changes().stream().allMatch(c -> Objects.equals(base.get(c.key()), c.oldValue()));
    }

    /** The steps of a change: validate, write the file, take effect, audit, refresh the good copy, notify. */
    private ConfigChange.Result commit(Config base, ConfigChange.Result result, ChangeOrigin origin)
            throws IOException {
        if (!result.ok() || result.changes().isEmpty()) {
            return result; // refused, or nothing to change: nothing written, same version
        }
        Config next = result.config();
        byte[] bytes = fileBytes(next);
        AtomicFiles.replace(configFile, bytes, steps);
        current = next;
        List<AuditRecord> records = new ArrayList<>();
        Instant now = clock.instant();
        for (ConfigChange.KeyChange change : result.changes()) {
            records.add(new AuditRecord(now, origin, base.version(), next.version(), change.key().wireName(),
                    change.oldText(), change.newText()));
        }
        if (appendAudit(records)) {
            // Only after the audit: if that failed, the next start finds the file differing from the
            // good copy and audits the difference as source "file".
            try {
                AtomicFiles.replace(goodFile, bytes, steps);
            } catch (IOException e) {
                LOG.error("{}: could not refresh the good copy: {}", goodFile, e.toString());
            }
        }
        LOG.info("config version {} from {}: {}", next.version(), origin.text(), result.changes());
        notifyListeners(next);
        return result;
    }

    private boolean appendAudit(List<AuditRecord> records) {
        try {
            audit.append(records);
            return true;
        } catch (IOException e) {
            auditFailures++;
            LOG.error("{}: could not append {} audit lines: {}", audit.file(), records.size(), e.toString());
            return false;
        }
    }

    private void notifyListeners(Config config) {
        for (Consumer<Config> listener : listeners) {
            try {
                listener.accept(config);
            } catch (RuntimeException e) {
                LOG.error("config listener failed", e);
            }
        }
    }

    /** What the store writes: its two marker lines, the protocol's file text, the end line. ASCII. */
    static byte[] fileBytes(Config config) {
        String text = FIRST_LINE + "\n" + SECOND_LINE + "\n" + ConfigFile.format(config) + "\n" + END_LINE + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        audit.close();
    }

    // ---- start-up ----

    /** A file's outcome: the config, or null and a one-line problem naming the file. */
    private record Loaded(Config config, String problem, boolean missing) {
    }

    private void load() {
        removeLeftover(AtomicFiles.tempFor(configFile));
        removeLeftover(AtomicFiles.tempFor(goodFile));
        Loaded main = read(configFile);
        Loaded good = read(goodFile);
        if (main.config() != null) {
            current = main.config();
            if (good.config() != null) {
                auditHandEdit(good.config(), main.config());
            }
            if (!main.config().equals(good.config())) {
                writeAtStart(goodFile, current);
            }
        } else if (main.missing() && good.missing()) {
            current = Config.defaults(); // first start: write the commented defaults for people to edit
            LOG.info("{}: no config yet; writing the defaults", configFile);
            writeAtStart(configFile, current);
            writeAtStart(goodFile, current);
        } else if (good.config() != null) {
            report(main.problem());
            current = good.config();
            report("using the last good copy " + GOOD_FILE + " (version " + current.version() + ")");
            if (main.missing()) {
                writeAtStart(configFile, current);
            }
        } else {
            report(main.problem());
            report(good.problem());
            current = Config.defaults();
            report("using the defaults (version 0); the next change overwrites " + CONFIG_FILE);
        }
        LOG.info("config version {} loaded", current.version());
    }

    /** A write at start-up that fails is reported, not thrown: the config in memory is still good. */
    private void writeAtStart(Path file, Config config) {
        try {
            AtomicFiles.replace(file, fileBytes(config), steps);
        } catch (IOException e) {
            report(file.getFileName() + ": could not be written: " + e.getMessage());
        }
    }

    /** Audits, as source "file", the keys a hand edit changed since the last good copy. */
    private void auditHandEdit(Config good, Config main) {
        List<AuditRecord> records = new ArrayList<>();
        Instant now = clock.instant();
        for (ConfigKey key : ConfigKey.values()) {
            if (!Objects.equals(good.get(key), main.get(key))) {
                records.add(new AuditRecord(now, ChangeOrigin.file(), good.version(), main.version(), key.wireName(),
                        good.text(key), main.text(key)));
            }
        }
        if (!records.isEmpty()) {
            LOG.warn("{}: {} keys differ from {} (edited by hand, or a change whose audit was cut short)",
                    configFile, records.size(), GOOD_FILE);
            appendAudit(records);
        }
    }

    private void removeLeftover(Path temp) {
        try {
            if (Files.deleteIfExists(temp)) {
                report(temp.getFileName() + ": removed a leftover of a save that did not finish; it was not used");
            }
        } catch (IOException e) {
            report(temp.getFileName() + ": a leftover of an unfinished save could not be removed: " + e);
        }
    }

    private void report(String line) {
        loadReport.add(line);
        LOG.warn("{}", line);
    }

    /** Reads and checks one file; never throws. */
    static Loaded read(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(ConfigFile.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new Loaded(null, name + ": missing", true);
        } catch (IOException e) {
            return new Loaded(null, name + ": cannot be read: " + e.getMessage(), false);
        }
        String cutShort = cutShort(bytes);
        if (cutShort != null) {
            return new Loaded(null, name + ": " + cutShort, false);
        }
        ConfigChange.Result result = ConfigFile.parse(bytes);
        if (!result.ok()) {
            List<ConfigProblem> problems = result.problems();
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
            return new Loaded(null, name + ": " + problems.get(0).message() + more, false);
        }
        return new Loaded(result.config(), null, false);
    }

    /**
     * Why the bytes are a file cut short, or null. The properties format cannot tell a file cut at a
     * line end from one with fewer keys (missing keys take their defaults), so: every file must end
     * with a line end, and a file that starts with the store's first line must end with its end line.
     */
    private static String cutShort(byte[] bytes) {
        if (bytes.length == 0) {
            return "is empty";
        }
        if (bytes[bytes.length - 1] != '\n') {
            return "does not end with a line end (cut short?)";
        }
        byte[] first = (FIRST_LINE + "\n").getBytes(StandardCharsets.US_ASCII);
        if (startsWith(bytes, first)) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (!text.endsWith("\n" + END_LINE + "\n") && !text.endsWith("\n" + END_LINE + "\r\n")) {
                return "lacks its last line '" + END_LINE + "' (cut short, or removed by hand)";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
