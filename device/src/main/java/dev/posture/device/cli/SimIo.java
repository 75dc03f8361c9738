package dev.posture.device.cli;

import dev.posture.device.console.SerialConsole;
import dev.posture.device.runtime.Firmware;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The I/O parts {@code sim} and {@code run} attach to a firmware: the MQTT link and the serial console. */
final class SimIo {
    private SimIo() {
    }

    /**
     * Starts what is asked for before the firmware starts (so they see BOOTED); returns the parts to
     * close, in order. Neither needs its peer to be there: the console waits for its port, the MQTT
     * link for its broker, and the firmware cues either way.
     *
     * @param broker null for no MQTT
     * @param serial null for no console
     */
    static List<AutoCloseable> start(Firmware firmware, String broker, String serial, PrintWriter out) {
        List<AutoCloseable> parts = new ArrayList<>();
        if (serial != null) {
            SerialConsole console = new SerialConsole(firmware, SerialConsole.Settings.defaults(serial));
            console.start();
            parts.add(console);
        }
        return parts;
    }
}
