package dev.posture.hardware.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The horizontal path of whatever carries the wearer (their own feet, a bus): speed along a heading,
 * both smooth tracks. Its acceleration is analytic ({@code v' forward - v h' right}); its position
 * has no closed form, so it is integrated once at build time between knots placed on every move
 * boundary (and at least every second), and between knots at query time with 5-point Gauss-Legendre
 * quadrature on a smooth integrand: accurate to far below a micrometre, allocation-free.
 */
final class Carrier {
    private static final double MAX_KNOT_SPACING_S = 1.0;
    // Gauss-Legendre, 5 points on [-1, 1]: exact for polynomials up to degree 9.
    private static final double[] GL_X = {0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640,
        0.9061798459386640};
    private static final double[] GL_W = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665,
        0.2369268850561891, 0.2369268850561891};

    private final Track speed;   // m/s
    private final Track heading; // rad
    private final double[] knotT; // s, ascending
    private final double[] knotX; // m, east
    private final double[] knotY; // m, north

    Carrier(Track speed, Track heading) {
        if (speed.base() != 0) {
            throw new IllegalArgumentException("carrier must start at rest");
        }
        this.speed = speed;
        this.heading = heading;
        List<Double> breaks = new ArrayList<>();
        speed.appendBreakpoints(breaks);
        heading.appendBreakpoints(breaks);
        breaks.sort(Double::compare);
        List<Double> knots = new ArrayList<>();
        double last = breaks.isEmpty() ? 0 : Math.min(0, breaks.get(0));
        knots.add(last);
        for (double b : breaks) {
            while (b - last > MAX_KNOT_SPACING_S) {
                last += MAX_KNOT_SPACING_S;
                knots.add(last);
            }
            if (b > last) {
                knots.add(b);
                last = b;
            }
        }
        int n = knots.size();
        knotT = new double[n];
        knotX = new double[n];
        knotY = new double[n];
        double[] step = new double[2];
        for (int i = 0; i < n; i++) {
            knotT[i] = knots.get(i);
            if (i > 0) {
                integrate(knotT[i - 1], knotT[i], step);
                knotX[i] = knotX[i - 1] + step[0];
                knotY[i] = knotY[i - 1] + step[1];
            }
        }
    }

    /** Horizontal position (m) at {@code t} into {@code out[0..1]} (east, north). */
    void position(double t, double[] out) {
        int last = knotT.length - 1;
        if (t <= knotT[0]) {
            out[0] = knotX[0];
            out[1] = knotY[0];
            return;
        }
        if (t >= knotT[last]) {
            // Both tracks are constant after their last move, so the motion is a straight line.
            double v = speed.finalValue();
            double h = heading.finalValue();
            double dt = t - knotT[last];
            out[0] = knotX[last] - v * Math.sin(h) * dt;
            out[1] = knotY[last] + v * Math.cos(h) * dt;
            return;
        }
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (knotT[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        integrate(knotT[lo], t, out);
        out[0] += knotX[lo];
        out[1] += knotY[lo];
    }

    /** Displacement from {@code a} to {@code b} (no move boundary inside) into {@code out[0..1]}. */
    private void integrate(double a, double b, double[] out) {
        double half = (b - a) / 2;
        double mid = (a + b) / 2;
        double x = 0;
        double y = 0;
        for (int i = 0; i < GL_X.length; i++) {
            double t = mid + half * GL_X[i];
            double v = speed.value(t);
            double h = heading.value(t);
            x -= GL_W[i] * v * Math.sin(h);
            y += GL_W[i] * v * Math.cos(h);
        }
        out[0] = x * half;
        out[1] = y * half;
    }
}
