package dev.posture.device.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config store on real files: load, fallback, atomic save, audit, threads. */
class ConfigStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ConfigStore open() throws IOException {
        return ConfigStore.open(dir, CLOCK);
    }

    private Path main() {
        return dir.resolve(ConfigStore.CONFIG_FILE);
    }

    private Path good() {
        return dir.resolve(ConfigStore.GOOD_FILE);
    }

    private List<AuditRecord> audit() throws IOException {
        AuditLog.Contents contents = AuditLog.read(dir.resolve(ConfigStore.AUDIT_FILE));
        assertEquals(List.of(), contents.problems());
        return contents.records();
    }

    private static ConfigChange.Result set(Config base, String key, String value) {
        return ConfigChange.set(base, key, value);
    }

    @Test
    void firstStartWritesTheCommentedDefaults() throws Exception {
        try (ConfigStore store = open()) {
            assertEquals(Config.defaults(), store.current());
            assertEquals(List.of(), store.loadReport());
        }
        String text = Files.readString(main());
        assertTrue(text.startsWith(ConfigStore.FIRST_LINE + "\n"), text);
        assertTrue(text.contains(ConfigFile.format(Config.defaults())));
        assertTrue(text.endsWith("\n" + ConfigStore.END_LINE + "\n"));
        assertArrayEquals(Files.readAllBytes(main()), Files.readAllBytes(good()));
        assertEquals(List.of(), audit());
    }

    @Test
    void roundTrip() throws Exception {
        Config saved;
        try (ConfigStore store = open()) {
            ConfigChange.Result r = store.apply(c -> set(c, "threshold_deg", "17.5"), ChangeOrigin.serial());
            assertTrue(r.ok());
            saved = store.current();
            assertEquals(1, saved.version());
            assertEquals("17.5", saved.text(dev.posture.protocol.config.ConfigKey.THRESHOLD_DEG));
        }
        try (ConfigStore store = open()) {
            assertEquals(saved, store.current());
            assertEquals(List.of(), store.loadReport());
        }
        assertArrayEquals(Files.readAllBytes(main()), Files.readAllBytes(good()));
        assertEquals(saved, ConfigFile.parse(Files.readAllBytes(main())).config());
        assertFalse(Files.exists(dir.resolve(ConfigStore.CONFIG_FILE + ".tmp")));
    }

    @Test
    void refusedChangeWritesNothing() throws Exception {
        try (ConfigStore store = open()) {
            byte[] before = Files.readAllBytes(main());
            ConfigChange.Result r = store.apply(c -> ConfigChange.fromJson(c,
                    Map.of("threshold_deg", 17.5, "dwell_s", 9999)), ChangeOrigin.mqtt("c1"));
            assertFalse(r.ok());
            assertEquals(List.of("dwell_s: 9999 is out of range 1..600"),
                    r.problems().stream().map(Object::toString).toList());
            assertSame(Config.defaults(), store.current());
            assertArrayEquals(before, Files.readAllBytes(main()));
            assertEquals(List.of(), audit());
        }
    }

    @Test
    void changeThatAltersNothingKeepsTheVersionAndWritesNothing() throws Exception {
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
            ConfigChange.Result again = store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
            assertTrue(again.ok());
            assertEquals(1, store.current().version());
            assertEquals(1, audit().size());
        }
    }

    @Test
    void staleResultIsRefused() throws Exception {
        try (ConfigStore store = open()) {
            ConfigChange.Result stale = set(store.current(), "dwell_s", "30");
            store.apply(c -> set(c, "snooze_min", "15"), ChangeOrigin.button());
            ConfigChange.Result r = store.apply(stale, ChangeOrigin.serial());
            assertEquals(List.of("the config changed meanwhile (now version 1); nothing applied"),
                    r.problems().stream().map(Object::toString).toList());
            assertEquals(1, store.current().version());
            ConfigChange.Result fresh = store.apply(set(store.current(), "dwell_s", "30"), ChangeOrigin.serial());
            assertTrue(fresh.ok());
            assertEquals(2, store.current().version());
        }
    }

    @Test
    void auditHasOneLinePerChangedKey() throws Exception {
        try (ConfigStore store = open()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("quiet_hours", "22:00-07:00");
            request.put("threshold_deg", 17.5);
            request.put("checkin_interval_min", "off");
            request.put("dwell_s", 10); // already 10: not a change, no line
            assertTrue(store.apply(c -> ConfigChange.fromJson(c, request), ChangeOrigin.mqtt("companion-7")).ok());
            store.apply(c -> set(c, "cue_pattern", "ramp"), ChangeOrigin.button());
        }
        Instant t = CLOCK.instant();
        assertEquals(List.of(
                new AuditRecord(t, ChangeOrigin.mqtt("companion-7"), 0, 1, "threshold_deg", "15", "17.5"),
                new AuditRecord(t, ChangeOrigin.mqtt("companion-7"), 0, 1, "quiet_hours", "off", "22:00-07:00"),
                new AuditRecord(t, ChangeOrigin.mqtt("companion-7"), 0, 1, "checkin_interval_min", "30", "off"),
                new AuditRecord(t, ChangeOrigin.button(), 1, 2, "cue_pattern", "double_pulse", "ramp")), audit());
        String first = Files.readAllLines(dir.resolve(ConfigStore.AUDIT_FILE)).get(0);
        assertEquals("{\"time\":\"2025-03-01T10:15:30Z\",\"source\":\"mqtt:companion-7\",\"old_version\":0,"
                + "\"new_version\":1,\"key\":\"threshold_deg\",\"old\":\"15\",\"new\":\"17.5\"}", first);
    }

    @Test
    void crashBeforeTheRenameLeavesTheOldFileAndTheNextStartRemovesTheTemp() throws Exception {
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
        }
        byte[] before = Files.readAllBytes(main());
        Path temp = dir.resolve(ConfigStore.CONFIG_FILE + ".tmp");
        AtomicFiles.Steps crash = (step, target) -> {
            if (step == AtomicFiles.Step.RENAME) {
                throw new IOException("power cut");
            }
        };
        try (ConfigStore store = ConfigStore.open(dir, CLOCK, crash)) {
            assertThrows(IOException.class,
                    () -> store.apply(c -> set(c, "dwell_s", "40"), ChangeOrigin.serial()));
            assertEquals(30, store.current().dwellS(), "nothing took effect");
        }
        assertTrue(Files.exists(temp), "the crash left a complete temp file behind");
        assertArrayEquals(before, Files.readAllBytes(main()));
        try (ConfigStore store = open()) {
            assertEquals(30, store.current().dwellS());
            assertEquals(1, store.current().version());
            assertEquals(List.of(ConfigStore.CONFIG_FILE
                    + ".tmp: removed a leftover of a save that did not finish; it was not used"), store.loadReport());
        }
        assertFalse(Files.exists(temp));
        assertEquals(1, audit().size());
    }

    @Test
    void writesThatFailAtStartAreReportedNotThrown() throws Exception {
        AtomicFiles.Steps readOnly = (step, target) -> {
            throw new IOException("Read-only file system");
        };
        try (ConfigStore store = ConfigStore.open(dir, CLOCK, readOnly)) {
            assertEquals(Config.defaults(), store.current());
            assertEquals(List.of("device.properties: could not be written: Read-only file system",
                    "device.properties.good: could not be written: Read-only file system"), store.loadReport());
            assertThrows(IOException.class, () -> store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial()));
            assertSame(Config.defaults(), store.current());
        }
    }

    @Test
    void halfWrittenTempFileIsIgnored() throws Exception {
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
        }
        Files.write(dir.resolve(ConfigStore.GOOD_FILE + ".tmp"), new byte[] {'#', ' ', 'W'});
        try (ConfigStore store = open()) {
            assertEquals(30, store.current().dwellS());
            assertEquals(1, store.loadReport().size());
        }
        assertFalse(Files.exists(dir.resolve(ConfigStore.GOOD_FILE + ".tmp")));
    }

    @Test
    void crashAfterTheRenameKeepsTheNewFile() throws Exception {
        AtomicFiles.Steps crash = (step, target) -> {
            if (step == AtomicFiles.Step.DIRECTORY_FSYNC && target.endsWith(ConfigStore.CONFIG_FILE)) {
                throw new IOException("power cut");
            }
        };
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
        }
        try (ConfigStore store = ConfigStore.open(dir, CLOCK, crash)) {
            assertThrows(IOException.class, () -> store.apply(c -> set(c, "dwell_s", "40"), ChangeOrigin.serial()));
        }
        // The rename happened but the audit and the good copy did not: the next start audits the
        // difference as a change found in the file, and refreshes the good copy.
        try (ConfigStore store = open()) {
            assertEquals(40, store.current().dwellS());
            assertEquals(List.of(), store.loadReport());
        }
        List<AuditRecord> audit = audit();
        assertEquals(2, audit.size());
        assertEquals(new AuditRecord(CLOCK.instant(), ChangeOrigin.file(), 1, 2, "dwell_s", "30", "40"), audit.get(1));
        assertArrayEquals(Files.readAllBytes(main()), Files.readAllBytes(good()));
    }

    @Test
    void corruptMainFileFallsBackToTheGoodCopy() throws Exception {
        Config saved;
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "threshold_deg", "20"), ChangeOrigin.serial());
            saved = store.current();
        }
        byte[] bytes = Files.readAllBytes(main());
        bytes[bytes.length / 2] = (byte) 0xFF; // one unreadable byte in the middle
        Files.write(main(), bytes);
        try (ConfigStore store = open()) {
            assertEquals(saved, store.current());
            List<String> report = store.loadReport();
            assertEquals(2, report.size(), report.toString());
            assertTrue(report.get(0).matches("device\\.properties: line \\d+: not valid UTF-8"), report.get(0));
            assertEquals("using the last good copy device.properties.good (version 1)", report.get(1));
        }
        assertArrayEquals(bytes, Files.readAllBytes(main()), "the bad file is kept for inspection");
    }

    @Test
    void badValueInTheMainFileIsReportedWithTheCount() throws Exception {
        try (ConfigStore store = open()) {
            assertEquals(0, store.current().version());
        }
        Files.writeString(main(), "threshold_deg=50\nbogus=1\n");
        try (ConfigStore store = open()) {
            assertEquals(Config.defaults(), store.current());
            assertEquals(List.of("device.properties: line 1: threshold_deg: 50 is out of range 5..45 (and 1 more)",
                    "using the last good copy device.properties.good (version 0)"), store.loadReport());
        }
    }

    @Test
    void bothBadGivesTheDefaultsWithAReport() throws Exception {
        Files.writeString(main(), "threshold_deg=50\n");
        Files.write(good(), new byte[] {(byte) 0xC0, '\n'});
        try (ConfigStore store = open()) {
            assertEquals(Config.defaults(), store.current());
            assertEquals(List.of("device.properties: line 1: threshold_deg: 50 is out of range 5..45",
                    "device.properties.good: line 1: not valid UTF-8",
                    "using the defaults (version 0); the next change overwrites device.properties"),
                    store.loadReport());
        }
    }

    @Test
    void missingMainFileIsRestoredFromTheGoodCopy() throws Exception {
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "dwell_s", "30"), ChangeOrigin.serial());
        }
        Files.delete(main());
        try (ConfigStore store = open()) {
            assertEquals(30, store.current().dwellS());
            assertEquals(List.of("device.properties: missing",
                    "using the last good copy device.properties.good (version 1)"), store.loadReport());
        }
        assertArrayEquals(Files.readAllBytes(good()), Files.readAllBytes(main()));
    }

    @Test
    void handWrittenFileWithoutTheMarkersIsAcceptedAndItsChangesAudited() throws Exception {
        try (ConfigStore store = open()) {
            assertEquals(0, store.current().version());
        }
        Files.writeString(main(), "version=0\nthreshold_deg=18\n");
        try (ConfigStore store = open()) {
            assertEquals(List.of(), store.loadReport());
            assertEquals(18, store.current().thresholdDeg().units() / 10);
        }
        assertEquals(List.of(new AuditRecord(CLOCK.instant(), ChangeOrigin.file(), 0, 0, "threshold_deg", "15", "18")),
                audit());
        Files.writeString(main(), "version=0\nthreshold_deg=18\ndwell_s=3"); // no line end: cut short
        try (ConfigStore store = open()) {
            assertEquals(List.of("device.properties: does not end with a line end (cut short?)",
                    "using the last good copy device.properties.good (version 0)"), store.loadReport());
        }
    }

    /**
     * The main file cut at every byte offset, with the previous version in the good copy: the store
     * uses that previous config (or, without a good copy, the defaults) and reports; it never throws
     * and never takes a cut file for a valid one.
     */
    @Test
    void truncatedAtEveryOffsetFallsBack() throws Exception {
        Config previous;
        Config latest;
        try (ConfigStore store = open()) {
            store.apply(c -> set(c, "threshold_deg", "20"), ChangeOrigin.serial());
            previous = store.current();
        }
        byte[] goodBytes = Files.readAllBytes(good());
        try (ConfigStore store = open()) {
            store.apply(c -> ConfigChange.fromText(c, Map.of("dwell_s", "30", "broker_username", "nurse")),
                    ChangeOrigin.serial());
            latest = store.current();
        }
        byte[] full = Files.readAllBytes(main());
        List<String> firstReports = new ArrayList<>();
        for (int cut = 0; cut <= full.length; cut++) {
            Files.write(main(), Arrays.copyOf(full, cut));
            Files.write(good(), goodBytes);
            try (ConfigStore store = open()) {
                if (cut == full.length) {
                    assertEquals(latest, store.current());
                    assertEquals(List.of(), store.loadReport());
                } else {
                    assertEquals(previous, store.current(), "cut at " + cut);
                    assertEquals(2, store.loadReport().size(), "cut at " + cut);
                    assertTrue(store.loadReport().get(0).startsWith("device.properties: "));
                    firstReports.add(store.loadReport().get(0));
                }
            }
            Files.delete(good());
            Files.write(main(), Arrays.copyOf(full, cut));
            try (ConfigStore store = open()) {
                Config expected = cut == full.length ? latest : Config.defaults();
                assertEquals(expected, store.current(), "no good copy, cut at " + cut);
            }
        }
        assertTrue(firstReports.contains("device.properties: is empty"));
        assertTrue(firstReports.contains("device.properties: does not end with a line end (cut short?)"));
        assertTrue(firstReports.contains("device.properties: lacks its last line '" + ConfigStore.END_LINE
                + "' (cut short, or removed by hand)"));
    }

    @Test
    void fourThreadsTakeTurns() throws Exception {
        int threads = 4;
        int perThread = 50;
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (ConfigStore store = open()) {
            store.subscribe(c -> seen.add(c.version()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            List<ChangeOrigin> origins = List.of(ChangeOrigin.serial(), ChangeOrigin.mqtt("a"), ChangeOrigin.mqtt("b"),
                    ChangeOrigin.button());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Unique values, so every change alters something; even ones alter two keys.
                        String dwell = Integer.toString(1 + thread * 100 + i);
                        Map<String, String> values = i % 2 == 0
                                ? Map.of("dwell_s", dwell, "cue_repeat_s", Integer.toString(10 + thread * 100 + i))
                                : Map.of("dwell_s", dwell);
                        ConfigChange.Result r = store.apply(c -> ConfigChange.fromText(c, values), origins.get(thread));
                        if (!r.ok()) {
                            throw new AssertionError(r.problems().toString());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(threads * perThread, store.current().version());
        }
        List<Long> expectedVersions = new ArrayList<>();
        for (long v = 1; v <= threads * perThread; v++) {
            expectedVersions.add(v);
        }
        assertEquals(expectedVersions, seen, "listeners see every version once, in order");
        List<AuditRecord> audit = audit();
        assertEquals(threads * perThread + threads * perThread / 2, audit.size());
        long version = 0;
        for (int i = 0; i < audit.size(); i++) {
            AuditRecord r = audit.get(i);
            if (r.key().equals("dwell_s")) {
                assertEquals(version, r.oldVersion(), "line " + (i + 1));
                version++;
            }
            assertEquals(version, r.newVersion(), "line " + (i + 1));
        }
        try (ConfigStore store = open()) {
            assertEquals(threads * perThread, store.current().version());
            assertEquals(List.of(), store.loadReport());
        }
        assertEquals(List.of(), AuditLog.read(dir.resolve(ConfigStore.AUDIT_FILE)).problems());
        assertTrue(new String(Files.readAllBytes(main()), StandardCharsets.US_ASCII).contains("version=200\n"));
    }
}
