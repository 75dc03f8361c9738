package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** One of an enum's wire names; matched ignoring ASCII case, always printed lowercase. */
final class EnumType<E extends Enum<E> & WireEnum> implements TextType<E> {
    private final Class<E> enumClass;

    EnumType(Class<E> enumClass) {
        this.enumClass = enumClass;
    }

    static <E extends Enum<E> & WireEnum> Optional<E> find(Class<E> enumClass, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(enumClass.getEnumConstants())
                .filter(e -> AsciiCase.equalsIgnoreCase(name, e.wireName()))
                .findFirst();
    }

    @Override
    public E fromText(String text) throws ProtocolException {
        Optional<E> found = find(enumClass, text);
        if (found.isEmpty()) {
            throw new ProtocolException(ProblemText.quote(text) + " is not one of " + rangeText());
        }
        return found.get();
    }

    @Override
    public String toText(E value) {
        return value.wireName();
    }

    @Override
    public String typeName() {
        return "enum";
    }

    @Override
    public String rangeText() {
        return Arrays.stream(enumClass.getEnumConstants()).map(WireEnum::wireName)
                .collect(Collectors.joining(", "));
    }
}
