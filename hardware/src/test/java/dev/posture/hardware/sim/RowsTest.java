package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.trace.TraceCsvWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row cursor and the row's column layout (ready for the trace CSV writer). */
class RowsTest {
    private final Scenario walking = Scenarios.named("walking");

    @Test
    void cursorCoversTheScenarioAtTheSampleRate() {
        RowCursor rows = walking.rows(100);
        assertEquals(8900, rows.count()); // 89 s
        assertEquals(-1, rows.index());
        assertTrue(rows.next());
        assertEquals(0, rows.row().tS(), 0.0);
        SimRow first = rows.row();
        long n = 1;
        double last = 0;
        while (rows.next()) {
            assertSame(first, rows.row());
            last = rows.row().tS();
            n++;
        }
        assertEquals(8900, n);
        assertEquals(88.99, last, 1e-9);
        assertFalse(rows.next());
        assertEquals(100, rows.rateHz(), 0.0);
    }

    @Test
    void rowMatchesTheMotionSource() {
        RowCursor rows = walking.rows(50);
        WearerSimulator sim = walking.newSimulator();
        double[] f = new double[3];
        double[] w = new double[3];
        while (rows.next()) {
            SimRow r = rows.row();
            sim.sample(rows.index() * 20_000_000L, f, w);
            for (int i = 0; i < 3; i++) {
                assertEquals(f[i], r.acc(i), 1e-9);
                assertEquals(w[i], r.gyr(i), 1e-12);
            }
        }
    }

    @Test
    void columnsStartWithTheTraceFormat() {
        assertEquals(List.of("t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z"),
                SimRow.COLUMNS.subList(0, SimRow.TRACE_COLUMNS));
        assertEquals("segment", SimRow.COLUMNS.get(SimRow.SEGMENT_COLUMN));
        assertEquals(23, SimRow.COLUMNS.size());
    }

    @Test
    void cellsAndValuesAgreeWithTheAccessors() {
        WearerSimulator sim = walking.newSimulator();
        SimRow r = new SimRow();
        sim.evaluate(50, r);
        assertEquals(SegmentKind.WALKING, r.segment());
        assertEquals(50, r.value(0), 0.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(r.acc(i), r.value(1 + i), 0.0);
            assertEquals(r.gyr(i), r.value(4 + i), 0.0);
            assertEquals(r.up(i), r.value(7 + i), 0.0);
            assertEquals(r.pos(i), r.value(15 + i), 0.0);
            assertEquals(TraceCsvWriter.decimal(r.acc(i)), r.cell(1 + i));
        }
        assertEquals(r.forwardDeg(), r.value(10), 0.0);
        assertEquals(r.quat(0), r.value(11), 0.0);
        assertEquals("WALKING", r.cell(SimRow.SEGMENT_COLUMN));
        assertEquals(Integer.toString(r.segmentIndex()), r.cell(19));
        assertEquals("1", r.cell(20)); // on body
        assertEquals("0", r.cell(21)); // walking: gate closed
        assertEquals("0", r.cell(22));
        assertThrows(IndexOutOfBoundsException.class, () -> r.value(23));
        double norm = r.quat(0) * r.quat(0) + r.quat(1) * r.quat(1) + r.quat(2) * r.quat(2) + r.quat(3) * r.quat(3);
        assertEquals(1, norm, 1e-12);
        assertEquals(1, r.up(0) * r.up(0) + r.up(1) * r.up(1) + r.up(2) * r.up(2), 1e-12);

        SimRow copy = new SimRow();
        copy.copyFrom(r);
        for (int c = 0; c < SimRow.COLUMNS.size(); c++) {
            assertEquals(r.cell(c), copy.cell(c));
        }
        assertTrue(r.toString().startsWith("t=50.000 acc=("), r.toString());
    }

    @Test
    void cursorRejectsABadRate() {
        assertEquals("sample rate must be in (0, 100000] Hz, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> walking.rows(0)).getMessage());
    }

    @Test
    void timeWindowPrintsTheCommandLineForm() {
        assertEquals("2.50:11.75", new TimeWindow(2.5, 11.75).toString());
        assertEquals("time window needs finite start <= end, got 3.0:2.0",
                assertThrows(IllegalArgumentException.class, () -> new TimeWindow(3, 2)).getMessage());
    }
}
