package dev.posture.hardware.imu.mpu6050;

/**
 * The InvenSense MPU-6050's registers, bit fields and datasheet constants, shared by the driver and
 * the emulator.
 *
 * <p>Sources: "MPU-6000 and MPU-6050 Register Map and Descriptions", RM-MPU-6000A-00 revision 4.2
 * (cited as RM, with section numbers) and "MPU-6000 and MPU-6050 Product Specification",
 * PS-MPU-6000A-00 revision 3.4 (cited as PS, with table numbers).
 */
public final class Mpu6050Registers {
    private Mpu6050Registers() {
    }

    // ---- Addresses ---------------------------------------------------------------------------

    /** I2C address with AD0 low (PS 9.2, RM 4.32). */
    public static final int ADDRESS_AD0_LOW = 0x68;
    /** I2C address with AD0 high. */
    public static final int ADDRESS_AD0_HIGH = 0x69;

    // ---- Register map (RM section 3) -----------------------------------------------------------

    public static final int SELF_TEST_X = 0x0D;
    public static final int SELF_TEST_Y = 0x0E;
    public static final int SELF_TEST_Z = 0x0F;
    public static final int SELF_TEST_A = 0x10;
    /** Sample rate = gyroscope output rate / (1 + SMPLRT_DIV) (RM 4.2). */
    public static final int SMPLRT_DIV = 0x19;
    /** EXT_SYNC_SET[5:3], DLPF_CFG[2:0] (RM 4.3). */
    public static final int CONFIG = 0x1A;
    /** XG_ST/YG_ST/ZG_ST[7:5], FS_SEL[4:3] (RM 4.4). */
    public static final int GYRO_CONFIG = 0x1B;
    /** XA_ST/YA_ST/ZA_ST[7:5], AFS_SEL[4:3] (RM 4.5). */
    public static final int ACCEL_CONFIG = 0x1C;
    /** Which sensor registers are written to the FIFO (RM 4.6). */
    public static final int FIFO_EN = 0x23;
    /** INT pin configuration (RM 4.14). */
    public static final int INT_PIN_CFG = 0x37;
    /** Interrupt enables (RM 4.15). */
    public static final int INT_ENABLE = 0x38;
    /** Interrupt status; every bit clears when the register is read (RM 4.16). */
    public static final int INT_STATUS = 0x3A;
    /** First of 14 data bytes: accel X/Y/Z, temperature, gyro X/Y/Z, each big-endian int16 (RM 4.17-4.19). */
    public static final int ACCEL_XOUT_H = 0x3B;
    public static final int ACCEL_ZOUT_L = 0x40;
    public static final int TEMP_OUT_H = 0x41;
    public static final int GYRO_XOUT_H = 0x43;
    public static final int GYRO_ZOUT_L = 0x48;
    /** GYRO_RESET, ACCEL_RESET, TEMP_RESET: reset the analog and digital signal paths (RM 4.26). */
    public static final int SIGNAL_PATH_RESET = 0x68;
    /** FIFO_EN, I2C_MST_EN, I2C_IF_DIS, FIFO_RESET, I2C_MST_RESET, SIG_COND_RESET (RM 4.27). */
    public static final int USER_CTRL = 0x6A;
    /** DEVICE_RESET, SLEEP, CYCLE, TEMP_DIS, CLKSEL[2:0] (RM 4.28). */
    public static final int PWR_MGMT_1 = 0x6B;
    /** LP_WAKE_CTRL[7:6], STBY_XA..STBY_ZG[5:0] (RM 4.29). */
    public static final int PWR_MGMT_2 = 0x6C;
    /** FIFO byte count, high byte; reading it latches both count registers (RM 4.30). */
    public static final int FIFO_COUNTH = 0x72;
    public static final int FIFO_COUNTL = 0x73;
    /** FIFO data port: burst reads keep reading the FIFO (the address does not advance) (RM 4.31). */
    public static final int FIFO_R_W = 0x74;
    /** Identity: bits 6..1 of the address, 0x68, whatever AD0 is (RM 4.32). */
    public static final int WHO_AM_I = 0x75;

    // ---- Values and bit fields -----------------------------------------------------------------

    /** What WHO_AM_I reads on an MPU-6050 (RM 4.32). */
    public static final int WHO_AM_I_VALUE = 0x68;
    /** PWR_MGMT_1 after power-on: asleep (RM section 3: every other register resets to 0x00). */
    public static final int PWR_MGMT_1_RESET_VALUE = 0x40;

    public static final int PWR_MGMT_1_DEVICE_RESET = 0x80;
    public static final int PWR_MGMT_1_SLEEP = 0x40;
    public static final int PWR_MGMT_1_CYCLE = 0x20;
    public static final int PWR_MGMT_1_TEMP_DIS = 0x08;
    public static final int PWR_MGMT_1_CLKSEL_MASK = 0x07;
    /** CLKSEL = 1: PLL with the X-axis gyroscope as reference, recommended for stability (RM 4.28). */
    public static final int CLKSEL_PLL_GYRO_X = 0x01;

    public static final int CONFIG_DLPF_CFG_MASK = 0x07;
    public static final int FS_SEL_SHIFT = 3;
    public static final int FS_SEL_MASK = 0x18;

    public static final int FIFO_EN_TEMP = 0x80;
    public static final int FIFO_EN_XG = 0x40;
    public static final int FIFO_EN_YG = 0x20;
    public static final int FIFO_EN_ZG = 0x10;
    public static final int FIFO_EN_ACCEL = 0x08;

    public static final int INT_FIFO_OFLOW = 0x10;
    public static final int INT_I2C_MST = 0x08;
    public static final int INT_DATA_RDY = 0x01;

    public static final int INT_PIN_CFG_INT_RD_CLEAR = 0x10;

    public static final int USER_CTRL_FIFO_EN = 0x40;
    public static final int USER_CTRL_I2C_MST_EN = 0x20;
    public static final int USER_CTRL_I2C_IF_DIS = 0x10;
    /** Empties the FIFO when written while USER_CTRL.FIFO_EN is 0; clears itself (RM 4.27). */
    public static final int USER_CTRL_FIFO_RESET = 0x04;
    public static final int USER_CTRL_I2C_MST_RESET = 0x02;
    /** Resets all signal paths and clears the sensor data registers; clears itself (RM 4.27). */
    public static final int USER_CTRL_SIG_COND_RESET = 0x01;

    public static final int SIGNAL_PATH_RESET_ALL = 0x07;

    // ---- Geometry ------------------------------------------------------------------------------

    /** ACCEL_XOUT_H..GYRO_ZOUT_L. */
    public static final int DATA_BURST_BYTES = 14;
    /** FIFO capacity in bytes (PS 7.17, RM 4.31). */
    public static final int FIFO_SIZE = 1024;
    /** One FIFO record with ACCEL_FIFO_EN and XG/YG/ZG_FIFO_EN: accel X/Y/Z then gyro X/Y/Z (RM 4.31). */
    public static final int FIFO_FRAME_BYTES = 12;

    // ---- Scale factors -------------------------------------------------------------------------

    /** Accelerometer full scale per AFS_SEL 0..3, in g (RM 4.5, PS Table 6.2). */
    private static final int[] ACCEL_RANGE_G = {2, 4, 8, 16};
    /** Sensitivity per AFS_SEL 0..3 in LSB/g: 16384, 8192, 4096, 2048 (PS Table 6.2, RM 4.17). */
    private static final int[] ACCEL_LSB_PER_G = {16384, 8192, 4096, 2048};
    /** Gyroscope full scale per FS_SEL 0..3, in deg/s (RM 4.4, PS Table 6.1). */
    private static final int[] GYRO_RANGE_DPS = {250, 500, 1000, 2000};
    /**
     * Sensitivity per FS_SEL 0..3 in LSB/(deg/s), times 10: 131, 65.5, 32.8, 16.4 (PS Table 6.1,
     * RM 4.19). The datasheet rounds 32.75 and 16.375 to 32.8 and 16.4; we use its numbers.
     */
    private static final int[] GYRO_LSB_PER_DPS_X10 = {1310, 655, 328, 164};

    /** Temperature sensitivity, LSB per degree C (RM 4.18: Temp = TEMP_OUT / 340 + 36.53). */
    public static final int TEMP_LSB_PER_DEGREE = 340;
    /** Temperature at TEMP_OUT = 0, in centi-degrees C (RM 4.18). */
    public static final int TEMP_OFFSET_CENTI_C = 3653;

    /** Accelerometer bandwidth in Hz per DLPF_CFG 0..6 (RM 4.3 table; 7 is reserved). */
    private static final int[] DLPF_ACCEL_BANDWIDTH_HZ = {260, 184, 94, 44, 21, 10, 5};
    /** Gyroscope bandwidth in Hz per DLPF_CFG 0..6 (RM 4.3 table). */
    private static final int[] DLPF_GYRO_BANDWIDTH_HZ = {256, 188, 98, 42, 20, 10, 5};

    public static int accelRangeG(int afsSel) {
        return ACCEL_RANGE_G[afsSel & 3];
    }

    public static int accelLsbPerG(int afsSel) {
        return ACCEL_LSB_PER_G[afsSel & 3];
    }

    public static int gyroRangeDps(int fsSel) {
        return GYRO_RANGE_DPS[fsSel & 3];
    }

    public static int gyroLsbPerDpsX10(int fsSel) {
        return GYRO_LSB_PER_DPS_X10[fsSel & 3];
    }

    /** Gyroscope output rate: 8 kHz with the DLPF off (DLPF_CFG 0 or 7), else 1 kHz (RM 4.2, 4.3). */
    public static int gyroOutputRateHz(int dlpfCfg) {
        int cfg = dlpfCfg & CONFIG_DLPF_CFG_MASK;
        return cfg == 0 || cfg == 7 ? 8000 : 1000;
    }

    /** Accelerometer bandwidth for DLPF_CFG, Hz (7, reserved, treated like 0). */
    public static int accelBandwidthHz(int dlpfCfg) {
        int cfg = dlpfCfg & CONFIG_DLPF_CFG_MASK;
        return DLPF_ACCEL_BANDWIDTH_HZ[cfg == 7 ? 0 : cfg];
    }

    /** Gyroscope bandwidth for DLPF_CFG, Hz (7, reserved, treated like 0). */
    public static int gyroBandwidthHz(int dlpfCfg) {
        int cfg = dlpfCfg & CONFIG_DLPF_CFG_MASK;
        return DLPF_GYRO_BANDWIDTH_HZ[cfg == 7 ? 0 : cfg];
    }
}
