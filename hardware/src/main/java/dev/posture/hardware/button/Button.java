package dev.posture.hardware.button;

import java.io.Closeable;

/** The one push button: short press snoozes, long press calibrates. Debounced by the implementation. */
public interface Button extends Closeable {
    enum Press { SHORT, LONG }

    /** Called on the button's own thread; must return quickly (hand the press to the loop). */
    interface Listener {
        void pressed(Press press);
    }

    void setListener(Listener listener);

    @Override
    void close();
}
