package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.runtime.SimFirmware;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.message.EventType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on the whole firmware (emulated chips, sped up), over a real socat pseudo-terminal
 * pair: what a clinician sees in picocom while the wearer drifts forward.
 */
class FirmwareConsoleTest {
    @TempDir
    Path dir;

    @Test
    void clinicianSessionOnTheRunningFirmware() throws Exception {
        AtomicReference<SerialConsole> console = new AtomicReference<>();
        try (SocatPair pty = new SocatPair(dir).start();
             SimFirmware sim = new SimFirmware(Scenarios.named("drift"), dir.resolve("state"), 10, Map.of(), fw -> {
                 SerialConsole c = new SerialConsole(fw, SerialConsole.Settings.defaults(pty.dev.toString()));
                 c.start();
                 console.set(c);
             });
             Host host = new Host(pty.host)) {
            host.send("STATUS\r");
            String status = host.reply();
            assertTrue(status.matches("OK state=[A-Z_]+ fwd=\\S+ neutral=(yes|no) lean=(yes|no) snooze_s=0 "
                    + "stream_hz=0 trace=idle uptime_s=\\d+ config_version=0.*"), status);

            host.send("SET threshold_deg 18\r\n");
            assertEquals("OK threshold_deg=18", host.reply());
            assertEquals("18", sim.firmware.config().text(ConfigKey.THRESHOLD_DEG));
            host.send("SET threshold_deg 99\n");
            assertTrue(host.reply().startsWith("ERR INVALID_VALUE threshold_deg: 99"));
            host.send(new byte[] {'G', 'E', 0x1b, '[', 'A', '\r'});
            assertTrue(host.reply().startsWith("ERR BAD_BYTE byte 0x1b at offset 2"));
            assertEquals(1, sim.firmware.config().version(), "only the good SET was applied");

            host.send("STREAM ON 5\r");
            assertEquals("OK stream_hz=5", host.reply());
            List<String> all = new java.util.ArrayList<>();
            List<String> streamed = host.until(l -> l.startsWith("* STREAM") && l.contains("state=UPRIGHT"));
            assertTrue(streamed.get(streamed.size() - 1).matches("\\* STREAM t=\\d+\\.\\d{3} fwd=-?\\d+\\.\\d state=UPRIGHT.*"),
                    streamed.toString());
            all.addAll(streamed);
            host.send("STREAM OFF\r");
            all.addAll(host.until(l -> l.equals("OK stream_hz=0")));

            sim.await(EventType.CUE);
            all.addAll(host.until(l -> l.startsWith("* EVENT") && l.contains("type=CUE")));
            // Replies are read past the "*" lines before them, so look for the calibration events.
            assertTrue(all.stream().anyMatch(l -> l.startsWith("* EVENT") && l.contains("type=CALIBRATED")),
                    all.toString());
            assertEquals(EventType.CONFIG_CHANGED, sim.await(EventType.CONFIG_CHANGED).type());

            host.send("CUE TEST single_pulse\r");
            assertEquals("OK cue=single_pulse", host.reply());
            host.send("TRACE START\r");
            String started = host.reply();
            assertTrue(started.startsWith("OK id="), started);
        } finally {
            if (console.get() != null) {
                console.get().close();
            }
        }
    }
}
