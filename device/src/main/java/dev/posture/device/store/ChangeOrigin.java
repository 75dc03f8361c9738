package dev.posture.device.store;

import dev.posture.protocol.message.ChangeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a config change, for the audit log. Protocol's {@link ChangeSource} names only the two
 * wire sources (mqtt, serial); the store also records the button, a hand edit of the file and
 * start-up overrides, and the MQTT client id, so it has its own small type and maps the protocol's.
 *
 * @param kind where the change came from
 * @param clientId the MQTT client id for {@link Kind#MQTT}, empty otherwise
 */
public record ChangeOrigin(Kind kind, String clientId) {
    /** The audit log's source names. */
    public enum Kind {
        /** SET on the USB serial console. */
        SERIAL,
        /** config/set over MQTT. */
        MQTT,
        /** The push button (e.g. a calibration that stores a value). */
        BUTTON,
        /** A hand edit of the config file, found at start-up. */
        FILE,
        /** Start-up overrides such as {@code --set KEY=VALUE}. */
        BOOT;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChangeOrigin {
        Objects.requireNonNull(kind, "kind");
        clientId = clientId == null ? "" : clientId;
        if (kind != Kind.MQTT && !clientId.isEmpty()) {
            throw new IllegalArgumentException("only an MQTT origin has a client id");
        }
    }

    public static ChangeOrigin serial() {
        return new ChangeOrigin(Kind.SERIAL, "");
    }

    public static ChangeOrigin mqtt(String clientId) {
        return new ChangeOrigin(Kind.MQTT, clientId);
    }

    public static ChangeOrigin button() {
        return new ChangeOrigin(Kind.BUTTON, "");
    }

    public static ChangeOrigin file() {
        return new ChangeOrigin(Kind.FILE, "");
    }

    public static ChangeOrigin boot() {
        return new ChangeOrigin(Kind.BOOT, "");
    }

    /** The protocol's wire source, with the MQTT client id when it is MQTT. */
    public static ChangeOrigin of(ChangeSource source, String mqttClientId) {
        return source == ChangeSource.MQTT ? mqtt(mqttClientId) : serial();
    }

    /** The protocol's wire source (MQTT or serial), the reverse of {@link #of}; empty for the button, file and boot. */
    public Optional<ChangeSource> wireSource() {
        return switch (kind) {
            case MQTT -> Optional.of(ChangeSource.MQTT);
            case SERIAL -> Optional.of(ChangeSource.SERIAL);
            case BUTTON, FILE, BOOT -> Optional.empty();
        };
    }

    /** The audit log's text: {@code serial}, {@code mqtt:<client id>}, {@code button}, {@code file}, {@code boot}. */
    public String text() {
        return kind == Kind.MQTT ? "mqtt:" + clientId : kind.wireName();
    }

    /** Reads {@link #text()} back; null if it is none of the forms. */
    static ChangeOrigin parse(String text) {
        if (text.startsWith("mqtt:")) {
            return mqtt(text.substring(5));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.MQTT && kind.wireName().equals(text)) {
                return new ChangeOrigin(kind, "");
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text();
    }
}
