package dev.posture.device.recorder;

/** A clock the test moves by hand; wall and monotonic time advance together. */
final class ManualClock implements RecorderClock {
    long wallMs = 1_700_000_000_000L; // 2023-11-14 22:13:20 UTC
    long monoUs = 5_000_000L;

    void advanceUs(long us) {
        monoUs += us;
        wallMs += us / 1000;
    }

    @Override
    public long wallMs() {
        return wallMs;
    }

    @Override
    public long monoUs() {
        return monoUs;
    }
}
