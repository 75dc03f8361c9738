package dev.posture.hardware.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Pi4J adapter with a mocked input and timer: edges in, timer deadlines, presses out. */
class GpioButtonTest {
    private static final long MS = 1_000_000L;

    private final DigitalInput input = mock(DigitalInput.class);
    private final ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
    private final ScheduledFuture<?> future = mock(ScheduledFuture.class);
    private final long[] now = {1_000 * MS};
    private final List<Button.Press> presses = new ArrayList<>();
    private DigitalStateChangeListener edges;
    private GpioButton button;

    @BeforeEach
    void openReleasedActiveLowButton() {
        when(input.state()).thenReturn(DigitalState.HIGH);
        doReturn(future).when(timer).schedule(any(Runnable.class), anyLong(), eq(TimeUnit.NANOSECONDS));
        button = new GpioButton(input, true, 25, 1_000, 2_000, () -> now[0], timer);
        button.setListener(presses::add);
        ArgumentCaptor<DigitalStateChangeListener> captor = ArgumentCaptor.forClass(DigitalStateChangeListener.class);
        verify(input).addListener(captor.capture());
        edges = captor.getValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void edge(DigitalState state, long atMs) {
        now[0] = atMs * MS;
        when(input.state()).thenReturn(state);
        edges.onDigitalStateChange(new DigitalStateChangeEvent(input, state));
    }

    private void timerFires(long atMs) {
        now[0] = atMs * MS;
        button.onDeadline();
    }

    @Test
    void shortPress() {
        edge(DigitalState.LOW, 5_000);
        verify(timer).schedule(any(Runnable.class), eq(25 * MS), eq(TimeUnit.NANOSECONDS));
        timerFires(5_025);
        verify(timer).schedule(any(Runnable.class), eq(1_975 * MS), eq(TimeUnit.NANOSECONDS));  // to 2 s
        edge(DigitalState.HIGH, 5_300);
        verify(future).cancel(false);                        // the long-press timer is replaced
        timerFires(5_325);
        assertEquals(List.of(Button.Press.SHORT), presses);
    }

    @Test
    void longPressFiresWhileHeldAndNothingOnRelease() {
        edge(DigitalState.LOW, 5_000);
        timerFires(5_025);
        timerFires(7_000);
        assertEquals(List.of(Button.Press.LONG), presses);
        edge(DigitalState.HIGH, 9_000);
        timerFires(9_025);
        assertEquals(List.of(Button.Press.LONG), presses);
    }

    @Test
    void theTimerReReadsThePinSoAMissedEdgeIsCaught() {
        edge(DigitalState.LOW, 5_000);
        timerFires(5_025);
        when(input.state()).thenReturn(DigitalState.HIGH);   // released, but the edge was lost
        timerFires(7_000);                                   // the long-press deadline finds it released
        timerFires(7_025);
        assertEquals(List.of(), presses);                    // no LONG for a button that is not down
    }

    @Test
    void bounceIsFilteredBeforeTheListener() {
        edge(DigitalState.LOW, 5_000);
        edge(DigitalState.HIGH, 5_002);
        edge(DigitalState.LOW, 5_004);
        timerFires(5_029);
        edge(DigitalState.HIGH, 5_200);
        edge(DigitalState.LOW, 5_201);
        edge(DigitalState.HIGH, 5_203);
        timerFires(5_228);
        assertEquals(List.of(Button.Press.SHORT), presses);
    }

    @Test
    void activeHighButton() {
        DigitalInput highInput = mock(DigitalInput.class);
        when(highInput.state()).thenReturn(DigitalState.LOW);
        GpioButton high = new GpioButton(highInput, false, 25, 1_000, 2_000, () -> now[0], timer);
        List<Button.Press> got = new ArrayList<>();
        high.setListener(got::add);
        ArgumentCaptor<DigitalStateChangeListener> captor = ArgumentCaptor.forClass(DigitalStateChangeListener.class);
        verify(highInput).addListener(captor.capture());
        now[0] = 5_000 * MS;
        when(highInput.state()).thenReturn(DigitalState.HIGH);
        captor.getValue().onDigitalStateChange(new DigitalStateChangeEvent<>(highInput, DigitalState.HIGH));
        now[0] = 5_025 * MS;
        high.onDeadline();
        now[0] = 7_000 * MS;
        high.onDeadline();
        assertEquals(List.of(Button.Press.LONG), got);
    }

    @Test
    void aThrowingListenerDoesNotBreakTheButton() {
        button.setListener(p -> {
            throw new IllegalStateException("boom");
        });
        edge(DigitalState.LOW, 5_000);
        timerFires(5_025);
        edge(DigitalState.HIGH, 5_100);
        timerFires(5_125);                                   // logged, not thrown
        button.setListener(presses::add);
        edge(DigitalState.LOW, 6_000);
        timerFires(6_025);
        edge(DigitalState.HIGH, 6_100);
        timerFires(6_125);
        assertEquals(List.of(Button.Press.SHORT), presses);
    }

    @Test
    void closeStopsListeningAndCancelsTheTimerButLeavesAnInjectedTimerRunning() {
        edge(DigitalState.LOW, 5_000);
        button.close();
        verify(future).cancel(false);
        verify(input).removeListener(edges);
        verify(timer, never()).shutdownNow();
        timerFires(7_000);
        edge(DigitalState.HIGH, 7_100);
        assertEquals(List.of(), presses);
    }

    @Test
    void debounceRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new GpioButton(input, true, 0, 1_000, 2_000, () -> 0L, timer));
        assertThrows(IllegalArgumentException.class,
                () -> new GpioButton(input, true, 101, 1_000, 2_000, () -> 0L, timer));
    }
}
