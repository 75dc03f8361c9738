package dev.posture.device.cli;

import dev.posture.protocol.cli.CommandLines;

/** {@code java -jar posture-device.jar ...}: the firmware's command line ({@link DeviceCommand}). */
public final class DeviceMain {
    private DeviceMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.runOnConsole(new DeviceCommand(), args));
    }
}
