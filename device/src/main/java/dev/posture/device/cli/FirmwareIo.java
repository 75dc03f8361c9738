package dev.posture.device.cli;

import dev.posture.device.console.SerialConsole;
import dev.posture.device.mqtt.MqttLink;
import dev.posture.device.mqtt.MqttSettings;
import dev.posture.device.runtime.Firmware;
import dev.posture.protocol.cli.CommandLines.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The I/O parts {@code sim} and {@code run} attach to a firmware: the MQTT link and the serial console. */
final class FirmwareIo {
    private FirmwareIo() {
    }

    /**
     * Starts what is asked for before the firmware starts (so they see BOOTED); returns the parts to
     * close, in order. Neither needs its peer to be there: the console waits for its port, the MQTT
     * link for its broker, and the firmware cues either way.
     *
     * @param broker      null for no MQTT
     * @param credentials the MQTT password and CA file, if any
     * @param serial      null for no console
     * @throws UserError  one line when the credentials or the outbox cannot be used (nothing left running)
     */
    static List<AutoCloseable> start(Firmware firmware, Path stateDir, String broker, Optional<Path> credentials,
            String serial) throws UserError {
        List<AutoCloseable> parts = new ArrayList<>();
        if (broker != null) {
            try {
                MqttSettings settings = MqttSettings.from(firmware.config(), credentials, stateDir).withBrokerUrl(broker);
                MqttLink link = new MqttLink(settings, firmware, Clock.systemUTC());
                link.start();
                parts.add(link);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("mqtt: " + e.getMessage());
            }
        }
        if (serial != null) {
            SerialConsole console = new SerialConsole(firmware, SerialConsole.Settings.defaults(serial));
            console.start();
            parts.add(console);
        }
        return parts;
    }
}
