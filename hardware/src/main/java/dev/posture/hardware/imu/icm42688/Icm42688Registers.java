package dev.posture.hardware.imu.icm42688;

/**
 * The TDK InvenSense ICM-42688-P's user-bank-0 registers, bit fields and datasheet constants, shared
 * by the driver and the emulator.
 *
 * <p>Source: "ICM-42688-P Datasheet", DS-000347 revision 1.7 (cited as DS): sensitivities and noise in
 * section 3 (Tables 1 and 2), the register map in section 13 and the register descriptions in
 * section 14. Register addresses and bit positions also agree with Zephyr's
 * {@code drivers/sensor/tdk/icm42688/icm42688_reg.h}.
 */
public final class Icm42688Registers {
    private Icm42688Registers() {
    }

    /** I2C address with AP_AD0 low. */
    public static final int ADDRESS_AD0_LOW = 0x68;
    /** I2C address with AP_AD0 high. */
    public static final int ADDRESS_AD0_HIGH = 0x69;

    // ---- Bank 0 register map (DS 13) -----------------------------------------------------------

    /** SPI_MODE, SOFT_RESET_CONFIG (bit 0): software reset, then wait 1 ms. */
    public static final int DEVICE_CONFIG = 0x11;
    public static final int DRIVE_CONFIG = 0x13;
    public static final int INT_CONFIG = 0x14;
    /** FIFO_MODE[7:6]: 00 bypass, 01 stream-to-FIFO, 10/11 stop-on-full. */
    public static final int FIFO_CONFIG = 0x16;
    /** Temperature, big-endian int16: deg C = TEMP_DATA / 132.48 + 25. */
    public static final int TEMP_DATA1 = 0x1D;
    public static final int TEMP_DATA0 = 0x1E;
    /** First of 12 data bytes: accel X/Y/Z then gyro X/Y/Z, big-endian int16 by default. */
    public static final int ACCEL_DATA_X1 = 0x1F;
    public static final int GYRO_DATA_X1 = 0x25;
    public static final int GYRO_DATA_Z0 = 0x2A;
    /** Interrupt status, cleared on read with INT_CONFIG0 at its default. */
    public static final int INT_STATUS = 0x2D;
    /** FIFO byte count (or record count with FIFO_COUNT_REC), big-endian by default. */
    public static final int FIFO_COUNTH = 0x2E;
    public static final int FIFO_COUNTL = 0x2F;
    /** FIFO data port: the address does not advance during bursts. */
    public static final int FIFO_DATA = 0x30;
    /** DMP_INIT_EN, DMP_MEM_RESET_EN, ABORT_AND_RESET, TMST_STROBE, FIFO_FLUSH (bit 1). */
    public static final int SIGNAL_PATH_RESET = 0x4B;
    /** FIFO_HOLD_LAST_DATA_EN, FIFO_COUNT_REC, FIFO_COUNT_ENDIAN, SENSOR_DATA_ENDIAN, UI_SIFS_CFG. */
    public static final int INTF_CONFIG0 = 0x4C;
    public static final int INTF_CONFIG1 = 0x4D;
    /** TEMP_DIS (5), IDLE (4), GYRO_MODE[3:2], ACCEL_MODE[1:0]. */
    public static final int PWR_MGMT0 = 0x4E;
    /** GYRO_FS_SEL[7:5], GYRO_ODR[3:0]. */
    public static final int GYRO_CONFIG0 = 0x4F;
    /** ACCEL_FS_SEL[7:5], ACCEL_ODR[3:0]. */
    public static final int ACCEL_CONFIG0 = 0x50;
    public static final int GYRO_CONFIG1 = 0x51;
    /** ACCEL_UI_FILT_BW[7:4], GYRO_UI_FILT_BW[3:0]. */
    public static final int GYRO_ACCEL_CONFIG0 = 0x52;
    public static final int ACCEL_CONFIG1 = 0x53;
    public static final int TMST_CONFIG = 0x54;
    /** FIFO_TEMP_EN (2), FIFO_GYRO_EN (1), FIFO_ACCEL_EN (0), and others. */
    public static final int FIFO_CONFIG1 = 0x5F;
    public static final int INT_CONFIG0 = 0x63;
    public static final int INT_SOURCE0 = 0x65;
    /** Packets lost in stop-on-full mode, 16 bits, low byte first. */
    public static final int FIFO_LOST_PKT0 = 0x6C;
    public static final int FIFO_LOST_PKT1 = 0x6D;
    /** Identity: 0x47. */
    public static final int WHO_AM_I = 0x75;
    /** BANK_SEL[2:0], present in every bank. */
    public static final int REG_BANK_SEL = 0x76;

    // ---- Values and bit fields (DS 14) ---------------------------------------------------------

    public static final int WHO_AM_I_VALUE = 0x47;
    /** User banks 0..4. */
    public static final int BANKS = 5;

    public static final int DEVICE_CONFIG_SOFT_RESET = 0x01;

    public static final int FIFO_MODE_BYPASS = 0x00;
    public static final int FIFO_MODE_STREAM = 0x40;
    public static final int FIFO_MODE_STOP_ON_FULL = 0x80;
    public static final int FIFO_MODE_MASK = 0xC0;

    public static final int INT_RESET_DONE = 0x10;
    public static final int INT_DATA_RDY = 0x08;
    public static final int INT_FIFO_THS = 0x04;
    public static final int INT_FIFO_FULL = 0x02;

    public static final int SIGNAL_PATH_RESET_FIFO_FLUSH = 0x02;

    public static final int INTF_CONFIG0_FIFO_COUNT_REC = 0x40;
    public static final int INTF_CONFIG0_FIFO_COUNT_BIG_ENDIAN = 0x20;
    public static final int INTF_CONFIG0_SENSOR_DATA_BIG_ENDIAN = 0x10;

    public static final int PWR_MGMT0_TEMP_DIS = 0x20;
    public static final int PWR_MGMT0_IDLE = 0x10;
    public static final int PWR_MGMT0_GYRO_MODE_MASK = 0x0C;
    public static final int PWR_MGMT0_GYRO_LOW_NOISE = 0x0C;
    public static final int PWR_MGMT0_GYRO_STANDBY = 0x04;
    public static final int PWR_MGMT0_ACCEL_MODE_MASK = 0x03;
    public static final int PWR_MGMT0_ACCEL_LOW_POWER = 0x02;
    public static final int PWR_MGMT0_ACCEL_LOW_NOISE = 0x03;

    public static final int FS_SEL_SHIFT = 5;
    public static final int ODR_MASK = 0x0F;

    public static final int FIFO_CONFIG1_TEMP_EN = 0x04;
    public static final int FIFO_CONFIG1_GYRO_EN = 0x02;
    public static final int FIFO_CONFIG1_ACCEL_EN = 0x01;

    // ---- Reset values (DS 13) used by the emulator ----------------------------------------------

    /** Data big-endian, FIFO count big-endian, in bytes. */
    public static final int INTF_CONFIG0_RESET_VALUE = 0x30;
    public static final int INTF_CONFIG1_RESET_VALUE = 0x91;
    /** +-2000 dps / +-16 g at 1 kHz. */
    public static final int CONFIG0_RESET_VALUE = 0x06;
    /** UI filter bandwidth max(400 Hz, ODR) / 4 for both sensors. */
    public static final int GYRO_ACCEL_CONFIG0_RESET_VALUE = 0x11;
    public static final int TMST_CONFIG_RESET_VALUE = 0x23;
    /** RESET_DONE routed to INT1. */
    public static final int INT_SOURCE0_RESET_VALUE = 0x10;

    // ---- Timing (DS 14, PWR_MGMT0 and DEVICE_CONFIG) -------------------------------------------

    /** Wait after SOFT_RESET_CONFIG before touching the chip (1 ms). */
    public static final long SOFT_RESET_NANOS = 1_000_000L;
    /** After turning a sensor on, no register writes for 200 us. */
    public static final long POWER_ON_WRITE_PAUSE_NANOS = 200_000L;
    /** The gyroscope must stay on for at least 45 ms once turned on. */
    public static final long GYRO_MIN_ON_NANOS = 45_000_000L;

    // ---- FIFO (DS, FIFO packet structure) ---------------------------------------------------------------------------

    /** FIFO capacity, bytes. */
    public static final int FIFO_SIZE = 2048;
    /** Packet 3: header, accel X/Y/Z, gyro X/Y/Z, temperature (int8), timestamp (2 bytes). */
    public static final int FIFO_PACKET3_BYTES = 16;
    /** Packets 1 (accel) and 2 (gyro): header, three axes, temperature. */
    public static final int FIFO_PACKET12_BYTES = 8;
    public static final int FIFO_HEADER_MSG = 0x80;
    public static final int FIFO_HEADER_ACCEL = 0x40;
    public static final int FIFO_HEADER_GYRO = 0x20;
    /** HEADER_TIMESTAMP_FSYNC = 10b: the packet carries an ODR timestamp. */
    public static final int FIFO_HEADER_TIMESTAMP_ODR = 0x08;
    /** Temperature in the FIFO: deg C = FIFO_TEMP_DATA / 2.07 + 25. */
    public static final double FIFO_TEMP_LSB_PER_DEGREE = 2.07;

    // ---- Scale factors (DS 3, Tables 1 and 2) ---------------------------------------------------

    /** Accelerometer full scale per ACCEL_FS_SEL 0..3, g: 16, 8, 4, 2. */
    private static final int[] ACCEL_RANGE_G = {16, 8, 4, 2};
    /** Accelerometer sensitivity per ACCEL_FS_SEL, LSB/g: 2048, 4096, 8192, 16384 (DS Table 2). */
    private static final int[] ACCEL_LSB_PER_G = {2048, 4096, 8192, 16384};
    /** Gyroscope full scale per GYRO_FS_SEL 0..7, deg/s x1000. */
    private static final int[] GYRO_RANGE_MDPS = {2_000_000, 1_000_000, 500_000, 250_000, 125_000, 62_500, 31_250, 15_625};
    /**
     * Gyroscope sensitivity per GYRO_FS_SEL, LSB/(deg/s) x10: 16.4, 32.8, 65.5, 131, 262, 524.3,
     * 1048.6, 2097.2 (DS Table 1).
     */
    private static final int[] GYRO_LSB_PER_DPS_X10 = {164, 328, 655, 1310, 2620, 5243, 10486, 20972};

    /** Temperature sensitivity in the data registers, LSB/deg C (DS 14: TEMP_DATA / 132.48 + 25). */
    public static final double TEMP_LSB_PER_DEGREE = 132.48;
    /** Temperature at TEMP_DATA = 0, centi-degrees C. */
    public static final int TEMP_OFFSET_CENTI_C = 2500;

    /** ODR per GYRO_ODR/ACCEL_ODR code, in mHz; 0 = reserved (DS 14, GYRO_CONFIG0/ACCEL_CONFIG0). */
    private static final long[] ODR_MILLIHZ = {0, 32_000_000, 16_000_000, 8_000_000, 4_000_000, 2_000_000, 1_000_000,
        200_000, 100_000, 50_000, 25_000, 12_500, 6_250, 3_125, 1_562, 500_000};

    /** UI filter divisor per GYRO_UI_FILT_BW/ACCEL_UI_FILT_BW code 0..7 (bandwidth = base / divisor). */
    private static final int[] UI_FILTER_DIVISOR = {2, 4, 5, 8, 10, 16, 20, 40};

    public static int accelRangeG(int fsSel) {
        return ACCEL_RANGE_G[fsSel & 3];
    }

    public static int accelLsbPerG(int fsSel) {
        return ACCEL_LSB_PER_G[fsSel & 3];
    }

    public static int gyroRangeDps(int fsSel) {
        return GYRO_RANGE_MDPS[fsSel & 7] / 1000;
    }

    public static int gyroLsbPerDpsX10(int fsSel) {
        return GYRO_LSB_PER_DPS_X10[fsSel & 7];
    }

    /** Output data rate for an ODR code, Hz (0 for reserved codes). */
    public static double odrHz(int odrCode) {
        return ODR_MILLIHZ[odrCode & ODR_MASK] / 1000.0;
    }

    /**
     * UI filter bandwidth, Hz, for a filter code (0..7) at {@code odrHz}: ODR / 2 for code 0, else
     * max(400 Hz, ODR) / divisor (DS 14, GYRO_ACCEL_CONFIG0). Codes 8..15 (low-latency and reserved)
     * are treated as ODR / 2.
     */
    public static double uiFilterBandwidthHz(int code, double odrHz) {
        int c = code & 0x0F;
        if (c == 0 || c > 7) {
            return odrHz / 2;
        }
        return Math.max(400.0, odrHz) / UI_FILTER_DIVISOR[c];
    }
}
