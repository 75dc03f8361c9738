package dev.posture.device.loop;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;

/** The real driver with a hook before each {@link #read}: a slow bus, a driver bug. */
final class HookedImu implements Imu {
    interface Hook {
        void beforeRead() throws HardwareException;
    }

    private final Imu imu;
    private final Hook hook;

    HookedImu(Imu imu, Hook hook) {
        this.imu = imu;
        this.hook = hook;
    }

    @Override
    public ImuInfo info() {
        return imu.info();
    }

    @Override
    public void configure(ImuSettings settings) throws HardwareException {
        imu.configure(settings);
    }

    @Override
    public boolean dataReady() throws HardwareException {
        return imu.dataReady();
    }

    @Override
    public void read(short[] counts) throws HardwareException {
        hook.beforeRead();
        imu.read(counts);
    }

    @Override
    public int readFifo(short[] counts, int maxSamples) throws HardwareException {
        return imu.readFifo(counts, maxSamples);
    }

    @Override
    public int temperatureCentiC() throws HardwareException {
        return imu.temperatureCentiC();
    }

    @Override
    public void close() {
        imu.close();
    }
}
