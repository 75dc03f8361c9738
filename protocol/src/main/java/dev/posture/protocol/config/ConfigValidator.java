package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one validation path behind every way a config changes: a list of raw (key, value) entries from
 * a JSON map, the console, command-line assignments or the config file is checked key by key, then
 * against the cross-key rules, and applied only if nothing at all is wrong.
 */
final class ConfigValidator {
    /**
     * One raw setting.
     *
     * @param key the key as the input spelled it (may be null or unknown)
     * @param value the raw value: a String when {@code text}, else a JSON-native value
     * @param text whether the value is text (console, file) rather than JSON-native
     * @param line the config file line, or 0
     */
    record Entry(String key, Object value, boolean text, int line) {
    }

    private ConfigValidator() {
    }

    /** The problem of a request that is not a map at all (a JSON payload of {@code null}). */
    static final String NOT_A_MAP = "expected an object of settings, got null";

    static List<Entry> jsonEntries(Map<String, ?> values) {
        return entries(values, false);
    }

    static List<Entry> textEntries(Map<String, String> values) {
        return entries(values, true);
    }

    /** Keys are read as plain objects: a map from an unchecked cast may hold a non-String key. */
    private static List<Entry> entries(Map<?, ?> values, boolean text) {
        List<Entry> out = new ArrayList<>(values.size());
        for (Map.Entry<?, ?> e : values.entrySet()) {
            Object key = e.getKey();
            out.add(new Entry(key == null || key instanceof String ? (String) key : String.valueOf(key),
                    e.getValue(), text, 0));
        }
        return out;
    }

    static ConfigChange.Result refused(Config base, String message) {
        return new ConfigChange.Result(base, List.of(), List.of(ConfigProblem.of(0, "", message)));
    }

    static ConfigChange.Result apply(Config base, List<Entry> entries, boolean bumpVersion) {
        return apply(base, entries, List.of(), bumpVersion);
    }

    /**
     * @param earlierProblems problems the caller already found (malformed file lines); the result
     *     lists them with the others, ordered by line
     * @param bumpVersion whether a change that alters something raises the version by one (a change
     *     request) or keeps the base version (a file or snapshot, which carries its own)
     */
    static ConfigChange.Result apply(Config base, List<Entry> entries, List<ConfigProblem> earlierProblems,
            boolean bumpVersion) {
        List<ConfigProblem> problems = new ArrayList<>(earlierProblems);
        Object[] values = base.copyValues();
        Map<ConfigKey, Entry> requested = new EnumMap<>(ConfigKey.class);
        Set<ConfigKey> invalid = EnumSet.noneOf(ConfigKey.class);

        for (Entry entry : entries) {
            String shownKey = entry.key() == null ? "" : entry.key();
            ConfigKey key = ConfigKey.byName(entry.key()).orElse(null);
            if (key == null) {
                problems.add(ConfigProblem.of(entry.line(), shownKey, "unknown key " + ProblemText.quote(entry.key())));
                continue;
            }
            Entry first = requested.putIfAbsent(key, entry);
            if (first != null) {
                String where = entry.line() > 0 ? "first on line " + first.line()
                        : "same as " + ProblemText.quote(first.key());
                problems.add(ConfigProblem.of(entry.line(), key.wireName(),
                        "duplicate key " + ProblemText.quote(entry.key()) + " (" + where + ")"));
                continue;
            }
            try {
                values[key.ordinal()] = entry.text()
                        ? key.parseText(entry.value() instanceof String s ? s : null)
                        : key.parseJson(entry.value());
            } catch (ProtocolException e) {
                invalid.add(key);
                problems.add(ConfigProblem.of(entry.line(), key.wireName(), e.getMessage()));
            }
        }

        for (CrossKeyRules.Violation violation : CrossKeyRules.check(values, requested.keySet(), invalid)) {
            Entry entry = requested.get(violation.key());
            problems.add(ConfigProblem.of(entry == null ? 0 : entry.line(), violation.key().wireName(),
                    violation.message()));
        }

        List<ConfigChange.KeyChange> changes = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            Object before = base.get(key);
            Object after = values[key.ordinal()];
            if (!Objects.equals(before, after)) {
                changes.add(new ConfigChange.KeyChange(key, before, after));
            }
        }
        boolean bump = bumpVersion && !changes.isEmpty();
        if (bump && base.version() >= Config.MAX_VERSION) {
            problems.add(ConfigProblem.of(0, "", "version " + base.version() + " cannot grow any further"));
        }

        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(ConfigProblem::line)); // stable: keeps input order per line
            return new ConfigChange.Result(base, List.of(), problems);
        }
        if (changes.isEmpty()) {
            return new ConfigChange.Result(base, List.of(), List.of());
        }
        return new ConfigChange.Result(Config.ofValidated(values, base.version() + (bump ? 1 : 0)), changes,
                List.of());
    }
}
