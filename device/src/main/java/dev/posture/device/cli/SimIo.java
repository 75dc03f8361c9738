package dev.posture.device.cli;

import dev.posture.device.runtime.Firmware;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The I/O parts {@code sim} and {@code run} attach to a firmware: the MQTT link and the serial console. */
final class SimIo {
    private SimIo() {
    }

    /**
     * Starts what is asked for; returns the parts to close, in order.
     *
     * @param broker null for no MQTT
     * @param serial null for no console
     */
    static List<AutoCloseable> start(Firmware firmware, String broker, String serial, PrintWriter out) {
        List<AutoCloseable> parts = new ArrayList<>();
        return parts;
    }
}
