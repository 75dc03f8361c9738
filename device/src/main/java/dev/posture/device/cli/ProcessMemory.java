package dev.posture.device.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory from Linux's /proc/self/status (VmRSS now, VmHWM the peak). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** "RSS 95 MB (peak 101 MB)", or "RSS unknown" off Linux. */
    static String describe() {
        try {
            long rssKb = -1;
            long peakKb = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peakKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return rssKb < 0 || peakKb < 0 ? "RSS unknown" : "RSS " + (rssKb >> 10) + " MB (peak " + (peakKb >> 10) + " MB)";
        } catch (IOException | RuntimeException e) {
            return "RSS unknown";
        }
    }
}
