package dev.posture.device.runtime;

import dev.posture.device.recorder.RecorderSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the firmware keeps its state and what it starts with.
 *
 * @param configFile the config store's file (its last good copy and the audit log sit beside it)
 * @param stateDir   event numbers ({@code events.seq}), traces ({@code traces/}) and anything else
 *                   the firmware keeps across restarts
 * @param firmware   firmware version, {@code [0-9A-Za-z.+_-]{1,32}}
 * @param overrides  config values applied at start ({@code --set KEY=VALUE}; stored and audited as "boot")
 * @param recorder   trace recorder settings (directory under {@code stateDir} by default)
 */
public record FirmwareSettings(Path configFile, Path stateDir, String firmware, Map<String, String> overrides,
                               RecorderSettings recorder) {
    public FirmwareSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(firmware, "firmware");
        overrides = new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides"));
        Objects.requireNonNull(recorder, "recorder");
    }

    /** Everything under one state directory: {@code device.properties}, {@code events.seq}, {@code traces/}. */
    public static FirmwareSettings in(Path stateDir, String firmware) {
        return new FirmwareSettings(stateDir.resolve("device.properties"), stateDir, firmware, Map.of(),
                RecorderSettings.defaults(stateDir.resolve("traces")));
    }

    public FirmwareSettings withConfigFile(Path file) {
        return new FirmwareSettings(file, stateDir, firmware, overrides, recorder);
    }

    public FirmwareSettings withOverrides(Map<String, String> values) {
        return new FirmwareSettings(configFile, stateDir, firmware, values, recorder);
    }

    public FirmwareSettings withRecorder(RecorderSettings settings) {
        return new FirmwareSettings(configFile, stateDir, firmware, overrides, settings);
    }

    Path sequenceFile() {
        return stateDir.resolve("events.seq");
    }
}
