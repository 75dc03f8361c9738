package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validates and applies a change request: a set of key -> raw value pairs from MQTT
 * ({@code config/set}), the serial console ({@code SET key value}) or the command line
 * ({@code --set key=value}).
 *
 * <p>All or nothing: the result lists every problem (unknown keys, duplicates, bad values, cross-key
 * rules), and if there is any, nothing is applied. A change that alters at least one value yields a
 * new {@link Config} with version + 1; a change that alters nothing (empty, or every value already
 * as requested) keeps the same Config and version, so that a client repeating a request does not
 * make the device republish a "new" config.
 */
public final class ConfigChange {
    private ConfigChange() {
    }

    /** From JSON-native values (a {@code config/set} payload as Jackson decodes it). */
    public static Result fromJson(Config base, Map<String, ?> values) {
        if (values == null) {
            return ConfigValidator.refused(base, ConfigValidator.NOT_A_MAP);
        }
        return ConfigValidator.apply(base, ConfigValidator.jsonEntries(values), true);
    }

    /** From text values, as typed at the console or written in a file. */
    public static Result fromText(Config base, Map<String, String> values) {
        if (values == null) {
            return ConfigValidator.refused(base, ConfigValidator.NOT_A_MAP);
        }
        return ConfigValidator.apply(base, ConfigValidator.textEntries(values), true);
    }

    /** The serial console's {@code SET key value}, with the value text as the console parsed it. */
    public static Result set(Config base, String key, String valueText) {
        return ConfigValidator.apply(base, List.of(new ConfigValidator.Entry(key, valueText, true, 0)), true);
    }

    /**
     * Command-line assignments such as {@code --set threshold_deg=20}: each split at its first
     * {@code =}; nothing is trimmed.
     */
    public static Result fromAssignments(Config base, List<String> assignments) {
        List<ConfigValidator.Entry> entries = new ArrayList<>();
        List<ConfigProblem> malformed = new ArrayList<>();
        for (String assignment : assignments) {
            int equals = assignment == null ? -1 : assignment.indexOf('=');
            if (equals <= 0) {
                malformed.add(ConfigProblem.of(0, "", "expected key=value, got " + ProblemText.quote(assignment)));
            } else {
                entries.add(new ConfigValidator.Entry(assignment.substring(0, equals),
                        assignment.substring(equals + 1), true, 0));
            }
        }
        return ConfigValidator.apply(base, entries, malformed, true);
    }

    /**
     * One key whose value a change altered, for the device's audit log.
     *
     * @param oldValue and {@code newValue} as {@link Config#get} returns them
     */
    public record KeyChange(ConfigKey key, Object oldValue, Object newValue) {
        public String oldText() {
            return key.toText(oldValue);
        }

        public String newText() {
            return key.toText(newValue);
        }

        public Object oldJson() {
            return key.toJson(oldValue);
        }

        public Object newJson() {
            return key.toJson(newValue);
        }

        /** "threshold_deg: 15 -> 20" */
        @Override
        public String toString() {
            return key.wireName() + ": " + oldText() + " -> " + newText();
        }
    }

    /**
     * The outcome of a change request or of reading a config file.
     *
     * @param config the config to use from now on: the new one, or the base unchanged when the
     *     change was refused or altered nothing
     * @param changes the keys whose values changed, in table order, with old and new values; empty
     *     when refused
     * @param problems every problem found; empty when the change was applied
     */
    public record Result(Config config, List<KeyChange> changes, List<ConfigProblem> problems) {
        public Result {
            changes = List.copyOf(changes);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /**
         * The resulting config if the change was accepted.
         *
         * @throws ProtocolException whose message is every problem joined with "; "
         */
        public Config orThrow() throws ProtocolException {
            if (!ok()) {
                throw new ProtocolException(problems.stream().map(ConfigProblem::message)
                        .collect(Collectors.joining("; ")));
            }
            return config;
        }
    }
}
