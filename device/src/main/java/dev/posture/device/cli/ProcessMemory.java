package dev.posture.device.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The process's resident memory from Linux's /proc/self/status (VmRSS now, VmHWM the peak). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** "RSS 95 MB (peak 101 MB)", or "RSS unknown" off Linux. */
    static String describe() {
        try {
            List<String> parts = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    parts.add((line.startsWith("VmRSS") ? "RSS " : "peak ") + (kb >> 10) + " MB");
                }
            }
            return parts.size() == 2 ? parts.get(0) + " (" + parts.get(1) + ")" : "RSS unknown";
        } catch (IOException | RuntimeException e) {
            return "RSS unknown";
        }
    }
}
