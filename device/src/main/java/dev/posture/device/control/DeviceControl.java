package dev.posture.device.control;

import dev.posture.device.loop.LatestSample;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the I/O side (USB serial console, MQTT, the button) may ask of the running firmware. The
 * firmware's runtime implements it; the console and the MQTT link are written against it only, so
 * each is tested with a small fake and both drive the same device in {@code run} and {@code sim}.
 *
 * <p>Every method may be called from any thread and returns quickly: work that belongs to the
 * sampling loop (a new config, a calibration window, a snooze) is posted to it and takes effect on
 * the next sample. Nothing here ever blocks the loop.
 */
public interface DeviceControl {

    DeviceId deviceId();

    /** Firmware version, as in VERSION and {@code status}. */
    String firmware();

    /** The configuration in effect (immutable, versioned). */
    Config config();

    /**
     * Validates {@code values} (config key -> text, as the config file writes values) all or nothing,
     * and if every value is accepted stores the new version atomically, records it in the audit log,
     * reconfigures the loop and raises CONFIG_CHANGED. On any problem nothing changes and the result
     * lists every problem.
     *
     * @throws ControlException INTERNAL when the store cannot be written (nothing applied)
     */
    ConfigChange.Result changeConfig(Map<String, String> values, ChangeOrigin origin) throws ControlException;

    /**
     * Starts a calibration window of about 3 s at the next sample. The future completes when the
     * window closes, with the outcome (accepted or the reason it was rejected); it never completes
     * exceptionally. A request while another calibration runs cancels the older one.
     */
    CompletableFuture<CalibrationOutcome> calibrate(CalibrationStep pose);

    /**
     * Plays a cue pattern once at test priority, even during a snooze or quiet hours.
     *
     * @param patternName a {@code cue_pattern} value or a haptic pattern name; empty: the configured cue
     * @return the name of the pattern played
     * @throws ControlException INVALID_VALUE for an unknown pattern name
     */
    String cueTest(Optional<String> patternName) throws ControlException;

    /**
     * Snoozes posture cues for {@code minutes} (1..1440), or ends a snooze (0). Raises SNOOZED.
     *
     * @return the snooze length now in effect, s (0 when ended)
     */
    long snooze(int minutes);

    /** The state now, for STATUS and the retained {@code status} topic. */
    DeviceSnapshot snapshot();

    /** The online {@code status} message for this moment. */
    StatusMessage statusMessage();

    /**
     * The latest completed one-second telemetry summary, or empty before the first one. A new
     * summary has a larger {@link TelemetryMessage#uptimeMs()}.
     */
    Optional<TelemetryMessage> telemetry();

    /** Copies the latest per-sample output (forward angle, state), for STREAM; never blocks. */
    void readLatest(LatestSample.View out);

    /** Raw trace recording: start, stop, list, fetch. */
    TraceControl traces();

    /**
     * Calls {@code listener} with every event, in sequence order, on the firmware's event thread
     * (one thread for all listeners: a listener must not block for long). Events raised before the
     * listener was added are not replayed; the MQTT link keeps its own durable outbox.
     */
    void addEventListener(Consumer<EventMessage> listener);

    /** Calls {@code listener} with each new configuration after it took effect, on the changer's thread. */
    void addConfigListener(Consumer<Config> listener);
}
