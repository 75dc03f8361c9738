package dev.posture.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test resources (golden files) read whole, by their path under src/test/resources. */
public final class TestResources {
    private TestResources() {
    }

    /** The bytes of {@code /<package>/<name>}, e.g. {@code bytes("/message/event-cue.json")}. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
