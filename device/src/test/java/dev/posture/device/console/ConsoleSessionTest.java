package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.TraceExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command of protocol/docs/console.md against a fake device: exact OK and ERR lines, order, unsolicited lines. */
class ConsoleSessionTest {
    private final FakeDeviceControl device = new FakeDeviceControl();
    private final CollectingSink sink = new CollectingSink();
    private ConsoleSession session = new ConsoleSession(device, sink);

    @BeforeEach
    void open() {
        device.addEventListener(session::event);
        session.opened();
        assertEquals("* READY firmware=0.1.0 console=1", sink.single());
    }

    private List<String> send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        session.receive(bytes, 0, bytes.length);
        return sink.take();
    }

    private String ask(String line) {
        List<String> out = send(line + "\n");
        assertEquals(1, out.size(), () -> line + " -> " + out);
        return out.get(0);
    }

    @Test
    void helpListsTheCommandsAndOneCommandsForms() {
        assertEquals("OK commands: HELP [command], VERSION, STATUS, GET [key], SET key value, CALIBRATE NEUTRAL|LEAN,"
                + " CUE TEST [pattern], STREAM ON [hz]|OFF, SNOOZE minutes, TRACE LIST|START|STOP|GET id;"
                + " HELP <command> for details", ask("HELP"));
        assertEquals("OK STREAM ON [hz]: send '* STREAM' lines at hz per second (1..50, default 10);"
                + " STREAM OFF: stop the '* STREAM' lines", ask("help stream"));
        assertEquals("ERR UNKNOWN_COMMAND unknown command 'FLY' (try HELP)", ask("HELP FLY"));
        assertEquals("ERR UNKNOWN_COMMAND unknown command 'FOO' (try HELP)", ask("FOO bar"));
    }

    @Test
    void versionNamesFirmwareGrammarAndSchema() {
        assertEquals("OK firmware=0.1.0 console=1 config_schema=1", ask("VERSION"));
        assertEquals("ERR SYNTAX unexpected 'x'; usage: VERSION", ask("VERSION x"));
    }

    @Test
    void statusHasTheDocumentedFieldsInOrderThenTheLoopStats() {
        assertEquals("OK state=UPRIGHT fwd=3.2 neutral=yes lean=yes snooze_s=0 stream_hz=0 trace=idle uptime_s=5123"
                + " config_version=7 sensor=ok samples=512345 missed=2 overruns=1 jitter_p99_us=180 jitter_max_us=950"
                + " sensor_faults=0 stream_dropped=0 events_dropped=0", ask("STATUS"));
        device.snapshot = FakeDeviceControl.snapshot(Optional.empty(), false, false, Optional.of(new RecordingId("r0013")));
        assertTrue(ask("status").startsWith("OK state=UPRIGHT fwd=none neutral=no lean=no snooze_s=0 stream_hz=0"
                + " trace=r0013 uptime_s=5123 config_version=7 sensor=ok"));
        device.snapshot = FakeDeviceControl.snapshot(Optional.of(-1234), true, false, Optional.empty());
        assertTrue(ask("STATUS").startsWith("OK state=UPRIGHT fwd=-12.3 neutral=yes lean=no"));
    }

    @Test
    void getAnswersOneKeyOrEveryKeyAsTheConfigFileWritesThem() {
        assertEquals("OK threshold_deg=15", ask("GET threshold_deg"));
        assertEquals("OK threshold_deg=15", ask("get Threshold_Deg"));
        assertEquals("OK threshold_deg=15 hysteresis_deg=3 dwell_s=10 cue_pattern=double_pulse cue_intensity_pct=70"
                + " cue_repeat_s=60 cue_max_per_episode=3 snooze_min=30 quiet_hours=off exposure_mode=off"
                + " exposure_window_min=30 exposure_share_pct=50 checkin_interval_min=30 drill_rounds=6 drill_hold_s=3"
                + " sample_rate_hz=100 lowpass_cutoff_hz=5 accel_range_g=4 gyro_range_dps=500 device_id=posture-1"
                + " broker_url=tcp://localhost:1883 broker_username=\"\"", ask("GET"));
        assertEquals("ERR UNKNOWN_KEY no config key 'thresold_deg'", ask("get thresold_deg"));
        assertEquals("ERR SYNTAX unexpected 'b'; usage: GET [key]", ask("GET a b"));
    }

    @Test
    void setChangesOneKeyAsSerialAndAnswersTheStoredValue() {
        assertEquals("OK threshold_deg=18", ask("SET threshold_deg 18"));
        assertEquals(List.of(Map.of("threshold_deg", "18")), device.changeRequests);
        assertEquals("18", device.config().text(ConfigKey.THRESHOLD_DEG));
        assertEquals("OK threshold_deg=18.5", ask("set THRESHOLD_DEG 18.50"));
        assertEquals("OK quiet_hours=22:00-07:00", ask("SET quiet_hours 22:00-07:00"));
        assertEquals("OK broker_username=\"\"", ask("SET broker_username \"\""));
        assertEquals("OK broker_username=\"\"", ask("GET broker_username"));
    }

    @Test
    void setRefusalsLeaveTheConfigAsItWas() throws Exception {
        Config before = device.config();
        assertEquals("ERR INVALID_VALUE threshold_deg: 99 is out of range 5..45", ask("SET threshold_deg 99"));
        assertEquals("ERR INVALID_VALUE dwell_s: 'two minutes' is not a number", ask("set dwell_s two minutes"));
        assertEquals("ERR UNKNOWN_KEY no config key 'thresold_deg'", ask("SET thresold_deg 18"));
        assertEquals("ERR SYNTAX missing value; usage: SET key value", ask("SET threshold_deg"));
        assertEquals("ERR SYNTAX value of device_id: missing closing quote for the quote at offset 14",
                ask("SET device_id \"Desk 3"));
        assertEquals(before, device.config());
        // unknown keys and syntax errors never reach the device; refused values reach it once each
        assertEquals(List.of(Map.of("threshold_deg", "99"), Map.of("dwell_s", "two minutes")), device.changeRequests);

        assertEquals("OK hysteresis_deg=10", ask("SET hysteresis_deg 10"));
        Config valid = device.config();
        String crossKey = ask("SET threshold_deg 9");
        assertTrue(crossKey.startsWith("ERR INVALID_VALUE "), crossKey);
        assertEquals(valid, device.config());

        device.storeFailure = new ControlException(ControlException.Reason.INTERNAL, "config store unavailable");
        assertEquals("ERR INTERNAL config store unavailable", ask("SET dwell_s 20"));
        assertEquals(valid, device.config());
    }

    @Test
    void calibrateAnswersWithTheOutcome() {
        assertEquals("OK pose=NEUTRAL", ask("CALIBRATE NEUTRAL"));
        assertEquals("OK pose=LEAN", ask("calibrate lean"));
        assertEquals(List.of(CalibrationStep.NEUTRAL, CalibrationStep.LEAN), new ArrayList<>(device.calibrations));
        assertEquals("ERR SYNTAX unexpected 'SIDEWAYS'; usage: CALIBRATE NEUTRAL|LEAN", ask("CALIBRATE SIDEWAYS"));

        device.calibration = step -> CompletableFuture.completedFuture(
                CalibrationOutcome.rejected(step, ControlException.Reason.NOT_NOW, "calibrate NEUTRAL first"));
        assertEquals("ERR NOT_NOW calibrate NEUTRAL first", ask("calibrate lean"));
        device.calibration = step -> CompletableFuture.completedFuture(
                CalibrationOutcome.rejected(step, ControlException.Reason.BUSY, "a calibration from the button is running"));
        assertEquals("ERR BUSY a calibration from the button is running", ask("CALIBRATE NEUTRAL"));
    }

    @Test
    void calibrateThatNeverEndsIsAnsweredAfterTheTimeout() {
        session = new ConsoleSession(device, sink, Duration.ofMillis(100));
        session.opened();
        sink.take();
        device.calibration = step -> new CompletableFuture<>();
        assertEquals(List.of("ERR INTERNAL calibration did not finish within 0 s", "OK firmware=0.1.0 console=1 config_schema=1"),
                send("CALIBRATE NEUTRAL\nVERSION\n"));
    }

    @Test
    void whileCalibrationRunsEventsAndStreamFlowAndLaterRequestsWait() throws Exception {
        CompletableFuture<CalibrationOutcome> outcome = new CompletableFuture<>();
        device.calibration = step -> outcome;
        assertEquals("OK stream_hz=10", ask("STREAM ON"));
        Thread reader = new Thread(() -> send0("CALIBRATE NEUTRAL\nVERSION\n"));
        reader.start();
        assertEquals(CalibrationStep.NEUTRAL, device.calibrations.poll(20, TimeUnit.SECONDS));
        device.emit(event(90_000, new EventDetail.Calibrated(CalibrationStep.NEUTRAL)));
        device.publishLatest(97_500_000, 12, PostureState.UPRIGHT, true, 1);
        session.streamTick(0);
        outcome.complete(CalibrationOutcome.accepted(CalibrationStep.NEUTRAL, "taken"));
        reader.join(20_000);
        assertFalse(reader.isAlive());
        assertEquals(List.of("* EVENT t=90.000 type=CALIBRATED step=neutral", "* STREAM t=97.500 fwd=0.1 state=UPRIGHT",
                "OK pose=NEUTRAL", "OK firmware=0.1.0 console=1 config_schema=1"), sink.take());
    }

    private void send0(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        session.receive(bytes, 0, bytes.length);
    }

    @Test
    void cueTestPlaysTheConfiguredOrNamedPattern() {
        assertEquals("OK cue=double_pulse", ask("CUE TEST"));
        assertEquals("OK cue=ramp", ask("cue test ramp"));
        assertEquals(List.of("double_pulse", "ramp"), device.cuesPlayed);
        assertEquals("ERR INVALID_VALUE no cue pattern 'triple'", ask("cue test  triple"));
        assertEquals("ERR SYNTAX missing TEST; usage: CUE TEST [pattern]", ask("CUE"));
    }

    @Test
    void streamSendsTheLatestSampleAtTheRateUntilOff() {
        assertEquals("OK stream_hz=5", ask("STREAM ON 5"));
        long t0 = 1_000_000_000L;
        // nothing published yet: no line; the next tick is one period (200 ms) later
        assertEquals(t0 + 200_000_000, session.streamTick(t0));
        assertEquals(List.of(), sink.take());
        device.publishLatest(754_000_000, 410, PostureState.UPRIGHT, true, 75_400);
        assertEquals(t0 + 400_000_000, session.streamTick(t0 + 200_000_000));
        assertEquals("* STREAM t=754.000 fwd=4.1 state=UPRIGHT", sink.single());
        assertEquals(t0 + 400_000_000, session.streamTick(t0 + 300_000_000)); // not due
        assertEquals(List.of(), sink.take());
        device.publishLatest(754_200_000, 426, PostureState.UPRIGHT, true, 75_420);
        session.streamTick(t0 + 400_000_000);
        assertEquals("* STREAM t=754.200 fwd=4.3 state=UPRIGHT", sink.single());
        session.streamTick(t0 + 600_000_000); // same sample as before: the loop stalled, nothing new to say
        assertEquals(List.of(), sink.take());
        assertEquals("OK stream_hz=5", ask("STATUS").replaceAll(".*(stream_hz=\\d+).*", "OK $1"));

        assertEquals("OK stream_hz=0", ask("STREAM OFF"));
        device.publishLatest(754_400_000, 430, PostureState.UPRIGHT, true, 75_440);
        assertEquals(Long.MAX_VALUE, session.streamTick(t0 + 800_000_000));
        assertEquals(List.of(), sink.take());
    }

    @Test
    void streamRateIsCheckedByTheGrammarAndAgainstTheSampleRate() throws Exception {
        assertEquals("ERR OUT_OF_RANGE hz: 60 is outside 1..50", ask("STREAM ON 60"));
        assertEquals("ERR BAD_NUMBER hz: 'fast' is not a whole number", ask("STREAM ON fast"));
        assertEquals("OK stream_hz=10", ask("stream on"));
        device.setConfig(ConfigChange.set(Config.defaults(), "sample_rate_hz", "25").orThrow());
        assertEquals("ERR OUT_OF_RANGE hz: 30 is outside 1..25", ask("STREAM ON 30"));
        assertEquals(10, session.streamHz());
        assertEquals("OK stream_hz=25", ask("STREAM ON 25"));
    }

    @Test
    void streamBeforeCalibrationSaysNoneAndStopsWhenThePortCloses() {
        ask("STREAM ON 50");
        device.publishLatest(12_340_000, 0, PostureState.UNCALIBRATED, false, 10);
        session.streamTick(0);
        assertEquals("* STREAM t=12.340 fwd=none state=UNCALIBRATED", sink.single());
        session.closed();
        assertEquals(0, session.streamHz());
        device.publishLatest(12_360_000, 0, PostureState.UNCALIBRATED, false, 11);
        assertEquals(Long.MAX_VALUE, session.streamTick(100_000_000));
        device.emit(event(1, new EventDetail.CheckinDue()));
        assertEquals(List.of(), sink.take());
    }

    @Test
    void streamLinesTheSinkRefusesAreCountedAndShownInStatus() {
        ask("STREAM ON 50");
        sink.refuseUnsolicited = true;
        for (int k = 1; k <= 3; k++) {
            device.publishLatest(k * 20_000L, 0, PostureState.UPRIGHT, true, k);
            session.streamTick(k * 20_000_000L);
        }
        device.emit(event(5, new EventDetail.CheckinDue()));
        sink.refuseUnsolicited = false;
        assertEquals(3, session.streamDropped());
        assertEquals(1, session.eventsDropped());
        assertTrue(ask("STATUS").endsWith(" stream_dropped=3 events_dropped=1"));
    }

    @Test
    void snoozeTakesMinutesAndAnswersSeconds() {
        assertEquals("OK snooze_s=1800", ask("SNOOZE 30"));
        assertEquals("OK snooze_s=0", ask("SNOOZE 0"));
        assertEquals("ERR OUT_OF_RANGE minutes: 300 is outside 0..240", ask("SNOOZE 300"));
        assertEquals("ERR SYNTAX unexpected 'min'; usage: SNOOZE minutes", ask("snooze 45 min"));
        assertEquals(List.of(30, 0), device.snoozes);
    }

    @Test
    void traceStartStopList() {
        assertEquals("OK count=0 ids=\"\"", ask("TRACE LIST"));
        assertEquals("ERR NOT_NOW not recording", ask("TRACE STOP"));
        assertEquals("OK id=r0012", ask("TRACE START"));
        assertEquals("ERR NOT_NOW already recording r0012", ask("TRACE START"));
        assertEquals("OK id=r0012 rows=3 duration_s=0.040", ask("TRACE STOP"));
        assertEquals("OK id=r0013", ask("trace start"));
        assertEquals("OK id=r0013 rows=3 duration_s=0.040", ask("trace stop"));
        assertEquals("OK count=2 ids=r0012,r0013", ask("TRACE LIST"));
        assertEquals("ERR SYNTAX unexpected 'NOW'; usage: TRACE LIST", ask("TRACE LIST NOW"));
    }

    @Test
    void traceGetSendsTheRecordingInPhysicalUnitsThenEnd() throws Exception {
        byte[] file = FakeDeviceControl.FakeTraces.trace("r0013", 150);
        device.traces.add("r0013", file);
        List<String> out = send("TRACE GET r0013\n");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        TraceExport.binaryToCsv(new ByteArrayInputStream(file), csv, defect -> { });
        List<String> expected = new ArrayList<>();
        expected.add("OK id=r0013 rows=150");
        for (String row : csv.toString(StandardCharsets.US_ASCII).split("\n")) {
            expected.add("* TRACE " + row);
        }
        expected.add("* TRACE END id=r0013 rows=150");
        assertEquals(expected, out);
        assertEquals("* TRACE t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", out.get(1));
        // 2048 counts at 2048 LSB/g is one standard gravity; the second row is 20 ms after the first
        assertTrue(out.get(3).startsWith("* TRACE 0.02,"), out.get(3));
        assertEquals("9.80665", out.get(2).split(",")[3]);
    }

    @Test
    void traceGetErrors() {
        assertEquals("ERR NOT_FOUND no trace 'r0099'", ask("TRACE GET r0099"));
        assertEquals("ERR NOT_FOUND no trace 'R0013'", ask("TRACE GET R0013"));
        assertEquals("ERR SYNTAX missing id; usage: TRACE GET id", ask("TRACE GET"));
        device.traces.add("r0014", "not a trace".getBytes(StandardCharsets.US_ASCII));
        String unreadable = ask("TRACE GET r0014");
        assertTrue(unreadable.startsWith("ERR INTERNAL trace r0014 is unreadable: "), unreadable);
    }

    @Test
    void aTransferThatFailsMidwayEndsWithTheErrorAndTheRequestHasOneReply() {
        byte[] file = FakeDeviceControl.FakeTraces.trace("r0013", 1000);
        device.traces.add("r0013", file);
        device.traces.failAfterBytes = file.length / 2;
        List<String> out = send("TRACE GET r0013\nVERSION\n");
        assertEquals("OK id=r0013 rows=1000", out.get(0));
        String end = out.get(out.size() - 2);
        assertTrue(end.matches("\\* TRACE END id=r0013 rows=\\d+ error=\"card removed\""), end);
        long rows = Long.parseLong(end.replaceAll(".* rows=(\\d+) .*", "$1"));
        assertTrue(rows > 0 && rows < 1000, end);
        assertEquals(rows + 1, out.stream().filter(l -> l.startsWith("* TRACE ") && !l.startsWith("* TRACE END")).count());
        assertEquals(List.of("OK id=r0013 rows=1000", "OK firmware=0.1.0 console=1 config_schema=1"),
                out.stream().filter(l -> !l.startsWith("*")).toList());
    }

    @Test
    void requestsDuringATransferAreAnsweredAfterItWhileEventsInterleave() {
        device.traces.add("r0013", FakeDeviceControl.FakeTraces.trace("r0013", 5));
        // The event thread raises an event while the transfer is under way.
        CountDownLatch once = new CountDownLatch(1);
        sink.onLine = line -> {
            if (line.startsWith("* TRACE 0.02,") && once.getCount() > 0) {
                once.countDown();
                Thread eventThread = new Thread(() -> device.emit(event(131_020, new EventDetail.Snoozed(45))));
                eventThread.start();
                try {
                    eventThread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        List<String> out = send("TRACE GET r0013\nVERSION\n");
        List<String> kinds = out.stream().map(l -> l.startsWith("* TRACE END") ? "END"
                : l.startsWith("* TRACE") ? "TRACE" : l.startsWith("* EVENT") ? l : l.split(" ")[0]).toList();
        assertEquals(List.of("OK", "TRACE", "TRACE", "TRACE", "* EVENT t=131.020 type=SNOOZED dur=2700.0", "TRACE",
                "TRACE", "TRACE", "END", "OK"), kinds);
        assertEquals("OK firmware=0.1.0 console=1 config_schema=1", out.get(out.size() - 1));
    }

    @Test
    void everyEventTypeBecomesOneEventLine() {
        List<EventDetail> details = List.of(
                new EventDetail.Cue(21.34, 12_000, 1, 2),
                new EventDetail.Recovered(-0.96, 4_550, 1, 2),
                new EventDetail.CheckinDue(),
                new EventDetail.CheckinDone(5_200, -3.25),
                new EventDetail.CheckinMissed(60_000),
                new EventDetail.DrillDone(5, 6),
                new EventDetail.Calibrated(CalibrationStep.LEAN),
                new EventDetail.RecalibrationNeeded(8.0),
                new EventDetail.SensorFault("bus_error"),
                new EventDetail.SensorRecovered(1_234),
                new EventDetail.Snoozed(45),
                new EventDetail.ConfigChanged(8, ChangeSource.SERIAL),
                new EventDetail.Booted("0.1.0"));
        for (EventDetail detail : details) {
            device.emit(event(754_120, detail));
        }
        assertEquals(List.of(
                "* EVENT t=754.120 type=CUE fwd=21.3 dur=12.0 episode=1 cue=2",
                "* EVENT t=754.120 type=RECOVERED fwd=-1.0 dur=4.6 episode=1 cues=2",
                "* EVENT t=754.120 type=CHECKIN_DUE",
                "* EVENT t=754.120 type=CHECKIN_DONE fwd=-3.2 dur=5.2",
                "* EVENT t=754.120 type=CHECKIN_MISSED dur=60.0",
                "* EVENT t=754.120 type=DRILL_DONE rounds_done=5 rounds_asked=6",
                "* EVENT t=754.120 type=CALIBRATED step=lean",
                "* EVENT t=754.120 type=RECALIBRATION_NEEDED fwd=8.0",
                "* EVENT t=754.120 type=SENSOR_FAULT fault=bus_error",
                "* EVENT t=754.120 type=SENSOR_RECOVERED dur=1.2",
                "* EVENT t=754.120 type=SNOOZED dur=2700.0",
                "* EVENT t=754.120 type=CONFIG_CHANGED config_version=8 source=serial",
                "* EVENT t=754.120 type=BOOTED firmware=0.1.0"), sink.take());
        assertTrue(sink.lines().isEmpty());
    }

    @Test
    void badBytesOverLongLinesAndBlankLinesThenAWorkingRequest() {
        assertEquals(List.of("ERR BAD_BYTE byte 0x00 at offset 3 is not printable ASCII"), send("GET\0key\n"));
        assertEquals(List.of("ERR BAD_BYTE byte 0x1b at offset 6 is not printable ASCII"), send("STATUS\u001b[A\r"));
        assertEquals(List.of(), send("\r\n\r\n   \r\t\n"));
        assertEquals(List.of("ERR TOO_LONG line longer than 256 bytes", "OK stream_hz=0"),
                send("A".repeat(257) + "\nSTREAM OFF\n"));
        assertEquals(List.of("ERR TOO_LONG line longer than 256 bytes"), send("x".repeat(10_000) + "\r\n"));
        assertEquals(List.of("OK stream_hz=0"), send("STRAX\u007f\u007fEAM OFF\r"));
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        session.receive(noise, 0, noise.length);
        sink.take();
        assertTrue(send("\nVERSION\n").contains("OK firmware=0.1.0 console=1 config_schema=1"));
    }

    @Test
    void bytesOneAtATimeGiveTheSameLinesAsOneChunk() {
        String script = "help\r\nGET threshold_deg\rSET dwell_s 20\nSTAT\u0008TUS\nSNOOZE ten\r\n\r\nTRACE LIST\n";
        List<String> whole = send(script);
        device.setConfig(Config.defaults());
        List<String> single = new ArrayList<>();
        for (byte b : script.getBytes(StandardCharsets.US_ASCII)) {
            session.receive(new byte[] {b}, 0, 1);
            single.addAll(sink.take());
        }
        assertEquals(6, whole.size(), whole::toString);
        assertEquals(whole, single);
    }

    @Test
    void aFailingDevicePartIsAnInternalErrorAndTheConsoleGoesOn() {
        device.calibration = step -> {
            throw new IllegalStateException("loop not running");
        };
        assertEquals("ERR INTERNAL the device failed: IllegalStateException", ask("CALIBRATE NEUTRAL"));
        assertEquals("OK snooze_s=60", ask("SNOOZE 1"));
    }

    @Test
    void aReplyLongerThan1024BytesIsCutAndEndsInDots() {
        device.storeFailure = new ControlException(ControlException.Reason.INTERNAL, "disk full ".repeat(200));
        String reply = ask("SET dwell_s 20");
        assertEquals(1024, reply.length());
        assertTrue(reply.startsWith("ERR INTERNAL disk full disk full"), reply);
        assertTrue(reply.endsWith("..."), reply);
        assertEquals("OK dwell_s=10", ask("GET dwell_s"));
    }

    @Test
    void controlReasonsMapToTheConsoleCodesOfTheSameName() {
        String mapped = Arrays.stream(ControlException.Reason.values())
                .map(r -> r.name() + "=" + ConsoleSession.codeOf(r).word()).collect(Collectors.joining(" "));
        assertEquals("INVALID_VALUE=INVALID_VALUE NOT_FOUND=NOT_FOUND NOT_NOW=NOT_NOW BUSY=BUSY INTERNAL=INTERNAL", mapped);
    }

    @Test
    void aReopenedPortGetsReadyAgainAndForgetsTheHalfLine() {
        send("STAT");
        session.closed();
        session.opened();
        assertEquals("* READY firmware=0.1.0 console=1", sink.single());
        assertEquals(List.of("OK firmware=0.1.0 console=1 config_schema=1"), send("VERSION\n"));
    }

    static EventMessage event(long uptimeMs, EventDetail detail) {
        return new EventMessage(new DeviceId("posture-1"), 1, 1_700_000_000_000L, uptimeMs, detail);
    }
}
