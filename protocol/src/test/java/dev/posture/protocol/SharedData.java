package dev.posture.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests of every module find the benchmark trials: {@code shared/data/broad} beside the
 * repository root (the directory whose {@code pom.xml} lists the {@code protocol} module), as CI lays
 * it out, found by walking up from the working directory; else {@code /work/shared/data/broad}.
 * Without the data a test must fail, never skip.
 */
public final class SharedData {
    private static final Path FALLBACK = Path.of("/work/shared/data/broad");

    private SharedData() {
    }

    /** The BROAD trials folder. @throws IllegalStateException when neither place has it */
    public static Path broadTrials() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRepositoryRoot(dir)) {
                Path broad = dir.resolveSibling("shared").resolve("data").resolve("broad");
                if (Files.isDirectory(broad)) {
                    return broad;
                }
                break;
            }
        }
        if (Files.isDirectory(FALLBACK)) {
            return FALLBACK;
        }
        throw new IllegalStateException("BROAD trials not found: expected ../shared/data/broad next to the "
                + "repository root, or " + FALLBACK + " (working directory " + Path.of("").toAbsolutePath() + ")");
    }

    private static boolean isRepositoryRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>protocol</module>");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
