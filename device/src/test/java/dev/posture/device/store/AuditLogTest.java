package dev.posture.device.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's format, its validating reader, torn lines and the credentials guard. */
class AuditLogTest {
    private static final Instant T = Instant.parse("2025-03-01T10:15:30.125Z");

    @TempDir
    Path dir;

    private static AuditRecord record(String key, String oldValue, String newValue) {
        return new AuditRecord(T, ChangeOrigin.mqtt("companion-7"), 3, 4, key, oldValue, newValue);
    }

    @Test
    void formatIsOneJsonObjectPerLine() {
        assertEquals("{\"time\":\"2025-03-01T10:15:30.125Z\",\"source\":\"mqtt:companion-7\",\"old_version\":3,"
                + "\"new_version\":4,\"key\":\"threshold_deg\",\"old\":\"15\",\"new\":\"17.5\"}",
                AuditLog.format(record("threshold_deg", "15", "17.5")));
    }

    @Test
    void nonAsciiIsEscapedAndReadsBack() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditRecord odd = new AuditRecord(T, ChangeOrigin.mqtt("caf\u00e9 \"1\"\n"), 0, 1, "device_id", "a", "b");
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(odd));
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.contains("caf\\u00E9") || text.contains("caf\\u00e9"), text);
        assertEquals(List.of(odd), AuditLog.read(file).records());
    }

    @Test
    void roundTripKeepsOrder() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        List<AuditRecord> records = List.of(record("threshold_deg", "15", "17.5"), record("dwell_s", "10", "30"));
        try (AuditLog log = AuditLog.open(file)) {
            log.append(records);
            log.append(List.of());
        }
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(record("snooze_min", "30", "15")));
        }
        AuditLog.Contents contents = AuditLog.read(file);
        assertEquals(List.of(), contents.problems());
        assertEquals(3, contents.records().size());
        assertEquals(records, contents.records().subList(0, 2));
    }

    @Test
    void missingFileIsAnEmptyLog() throws Exception {
        assertEquals(new AuditLog.Contents(List.of(), List.of()), AuditLog.read(dir.resolve("none.jsonl")));
    }

    @Test
    void tornLastLineIsReportedAndIgnoredThenCutOffOnOpen() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(record("threshold_deg", "15", "17.5"), record("dwell_s", "10", "30")));
        }
        String whole = AuditLog.format(record("snooze_min", "30", "15"));
        // Every way a power cut can tear the third line: each proper prefix of it.
        for (int cut = 1; cut < whole.length(); cut++) {
            byte[] before = Files.readAllBytes(file);
            Files.write(file, whole.substring(0, cut).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
            AuditLog.Contents contents = AuditLog.read(file);
            assertEquals(2, contents.records().size(), "cut at " + cut);
            assertEquals(List.of("audit.jsonl: line 3: torn last line (" + cut + " bytes without a line end), ignored"),
                    contents.problems(), "cut at " + cut);
            Files.write(file, before);
        }
        Files.write(file, whole.substring(0, 20).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(record("snooze_min", "30", "15")));
        }
        AuditLog.Contents repaired = AuditLog.read(file);
        assertEquals(List.of(), repaired.problems());
        assertEquals(3, repaired.records().size());
        assertEquals("snooze_min", repaired.records().get(2).key());
    }

    @Test
    void wholeLastRecordWithoutLineEndIsKeptAndCompleted() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, AuditLog.format(record("dwell_s", "10", "30")), StandardCharsets.US_ASCII);
        assertEquals(1, AuditLog.read(file).records().size());
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(record("snooze_min", "30", "15")));
        }
        AuditLog.Contents contents = AuditLog.read(file);
        assertEquals(List.of(), contents.problems());
        assertEquals(2, contents.records().size());
    }

    @Test
    void badLinesAreReportedAndTheOthersKept() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        String good = AuditLog.format(record("dwell_s", "10", "30"));
        String text = good + "\n"
                + "not json\n"
                + good.replace("\"source\":\"mqtt:companion-7\"", "\"source\":\"telnet\"") + "\n"
                + good.replace("\"key\"", "\"extra\":1,\"key\"") + "\n"
                + good.replace("10:15:30.125Z", "10:15:30.125+01:00") + "\n"
                + good.replace("\"old_version\":3", "\"old_version\":\"3\"") + "\n"
                + good.replace("\"old_version\":3", "\"old_version\":-1") + "\n"
                + good.replace("\"new\":\"30\"", "\"new\":30") + "\n"
                + good.replace("\"key\":\"dwell_s\"", "\"key\":\"\"") + "\n"
                + "[1,2]\n"
                + good + "\n";
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0xA9, '}', '\n'}, StandardOpenOption.APPEND);
        AuditLog.Contents contents = AuditLog.read(file);
        assertEquals(2, contents.records().size());
        assertEquals(List.of(
                "audit.jsonl: line 2: not a JSON object",
                "audit.jsonl: line 3: unknown source 'telnet'",
                "audit.jsonl: line 4: unknown field 'extra'",
                "audit.jsonl: line 5: time is not in UTC",
                "audit.jsonl: line 6: old_version is missing or not a version 0..9007199254740991",
                "audit.jsonl: line 7: old_version is missing or not a version 0..9007199254740991",
                "audit.jsonl: line 8: new is missing or not a string",
                "audit.jsonl: line 9: empty key",
                "audit.jsonl: line 10: not a JSON object",
                "audit.jsonl: line 12: not printable ASCII at column 2"), contents.problems());
    }

    @Test
    void secretValuesAreMasked() throws Exception {
        for (String key : List.of("broker_password", "PASSWORD", "client_secret", "api_Token", "mqtt.password.file")) {
            assertTrue(AuditLog.isSecret(key), key);
            String line = AuditLog.format(record(key, "old-hunter2", "new-hunter2"));
            assertFalse(line.contains("hunter2"), line);
            assertTrue(line.contains("\"old\":\"***\",\"new\":\"***\""), line);
            assertTrue(line.contains("\"key\":\"" + key + "\""), line);
        }
        for (String key : List.of("threshold_deg", "broker_username", "broker_url", "device_id")) {
            assertFalse(AuditLog.isSecret(key), key);
        }
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            log.append(List.of(record("broker_password", "a", "hunter2")));
        }
        assertFalse(Files.readString(file).contains("hunter2"));
        assertEquals(AuditLog.MASK, AuditLog.read(file).records().get(0).newValue());
    }

    @Test
    void originTextRoundTrips() {
        for (ChangeOrigin origin : List.of(ChangeOrigin.serial(), ChangeOrigin.mqtt("c-1"), ChangeOrigin.mqtt(""),
                ChangeOrigin.button(), ChangeOrigin.file(), ChangeOrigin.boot())) {
            assertEquals(origin, ChangeOrigin.parse(origin.text()));
        }
        assertEquals("mqtt:c-1", ChangeOrigin.of(dev.posture.protocol.message.ChangeSource.MQTT, "c-1").text());
        assertEquals("serial", ChangeOrigin.of(dev.posture.protocol.message.ChangeSource.SERIAL, null).text());
    }
}
