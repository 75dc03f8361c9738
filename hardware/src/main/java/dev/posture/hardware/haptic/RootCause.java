package dev.posture.hardware.haptic;

/** The innermost message of a provider exception, e.g. the errno text under Pi4J's wrappers. */
final class RootCause {
    private RootCause() {
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
