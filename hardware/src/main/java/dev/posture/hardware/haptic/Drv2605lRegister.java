package dev.posture.hardware.haptic;

/**
 * The TI DRV2605/DRV2605L register table: address, power-on reset value and access, as listed in the
 * datasheet (SLOS854, section "Register Map", table "Register Map Overview", and the per-register
 * descriptions that follow it, e.g. "Status (Address: 0x00)"). Shared by the driver and the emulator.
 *
 * <p>Every register is 8 bits; the I2C interface auto-increments the register address on multi-byte
 * reads and writes (datasheet "I2C Interface" section).
 */
public enum Drv2605lRegister {
    /** DEVICE_ID [7:5], DIAG_RESULT [3], OVER_TEMP [1], OC_DETECT [0]. Reset: device id in 7:5. */
    STATUS(0x00, 0xE0, Access.READ_ONLY),
    /** DEV_RESET [7], STANDBY [6], MODE [2:0]. Reset 0x40: standby, internal trigger. */
    MODE(0x01, 0x40, Access.READ_WRITE),
    /** Real-time playback input: drive amplitude when MODE = 5 (signed or unsigned, CONTROL3 [3]). */
    RTP_INPUT(0x02, 0x00, Access.READ_WRITE),
    /** HI_Z [4], LIBRARY_SEL [2:0]. */
    LIBRARY_SEL(0x03, 0x01, Access.READ_WRITE),
    /** Waveform sequencer slots: WAIT [7], WAV_FRM_SEQ [6:0]; 0 ends the sequence. */
    WAVESEQ1(0x04, 0x01, Access.READ_WRITE),
    WAVESEQ2(0x05, 0x00, Access.READ_WRITE),
    WAVESEQ3(0x06, 0x00, Access.READ_WRITE),
    WAVESEQ4(0x07, 0x00, Access.READ_WRITE),
    WAVESEQ5(0x08, 0x00, Access.READ_WRITE),
    WAVESEQ6(0x09, 0x00, Access.READ_WRITE),
    WAVESEQ7(0x0A, 0x00, Access.READ_WRITE),
    WAVESEQ8(0x0B, 0x00, Access.READ_WRITE),
    /** GO [0]: fires the process MODE selects; self-clears when it completes; writing 0 cancels. */
    GO(0x0C, 0x00, Access.READ_WRITE),
    /** Overdrive time offset (library playback). */
    OVERDRIVE_TIME_OFFSET(0x0D, 0x00, Access.READ_WRITE),
    /** Sustain time offset, positive. */
    SUSTAIN_TIME_OFFSET_POS(0x0E, 0x00, Access.READ_WRITE),
    /** Sustain time offset, negative. */
    SUSTAIN_TIME_OFFSET_NEG(0x0F, 0x00, Access.READ_WRITE),
    /** Brake time offset. */
    BRAKE_TIME_OFFSET(0x10, 0x00, Access.READ_WRITE),
    /** Audio-to-vibe control. */
    ATV_CONTROL(0x11, 0x05, Access.READ_WRITE),
    ATV_MIN_INPUT_LEVEL(0x12, 0x19, Access.READ_WRITE),
    ATV_MAX_INPUT_LEVEL(0x13, 0xFF, Access.READ_WRITE),
    ATV_MIN_OUTPUT_DRIVE(0x14, 0x19, Access.READ_WRITE),
    ATV_MAX_OUTPUT_DRIVE(0x15, 0xFF, Access.READ_WRITE),
    /** Rated voltage for closed-loop drive and auto-calibration (datasheet "Rated Voltage Programming"). */
    RATED_VOLTAGE(0x16, 0x3E, Access.READ_WRITE),
    /** Overdrive clamp voltage (datasheet "Overdrive Voltage-Clamp Programming"). */
    OD_CLAMP(0x17, 0x8C, Access.READ_WRITE),
    /** Auto-calibration compensation result. */
    A_CAL_COMP(0x18, 0x0C, Access.READ_WRITE),
    /** Auto-calibration back-EMF result. */
    A_CAL_BEMF(0x19, 0x6C, Access.READ_WRITE),
    /** N_ERM_LRA [7], FB_BRAKE_FACTOR [6:4], LOOP_GAIN [3:2], BEMF_GAIN [1:0]. Reset 0x36: ERM. */
    FEEDBACK_CONTROL(0x1A, 0x36, Access.READ_WRITE),
    /** STARTUP_BOOST [7], AC_COUPLE [5], DRIVE_TIME [4:0]. */
    CONTROL1(0x1B, 0x93, Access.READ_WRITE),
    /** BIDIR_INPUT [7], BRAKE_STABILIZER [6], SAMPLE_TIME [5:4], BLANKING_TIME [3:2], IDISS_TIME [1:0]. */
    CONTROL2(0x1C, 0xF5, Access.READ_WRITE),
    /** NG_THRESH [7:6], ERM_OPEN_LOOP [5], SUPPLY_COMP_DIS [4], DATA_FORMAT_RTP [3], LRA_DRIVE_MODE [2],
     *  N_PWM_ANALOG [1], LRA_OPEN_LOOP [0]. Reset 0xA0: ERM open loop, signed RTP data. */
    CONTROL3(0x1D, 0xA0, Access.READ_WRITE),
    /** AUTO_CAL_TIME [5:4] (0: 150-350 ms, 1: 250-450 ms, 2: 500-700 ms, 3: 1000-1200 ms), OTP bits. */
    CONTROL4(0x1E, 0x20, Access.READ_WRITE),
    /** DRV2605L only: blanking/IDISS high bits, playback interval, LRA auto open loop. */
    CONTROL5(0x1F, 0x80, Access.READ_WRITE),
    /** DRV2605L only: LRA open-loop period. */
    LRA_OPEN_LOOP_PERIOD(0x20, 0x33, Access.READ_WRITE),
    /** Supply voltage monitor, VDD = VBAT * 5.6 V / 255. */
    VBAT(0x21, 0x00, Access.READ_ONLY),
    /** Measured LRA resonance period. */
    LRA_RESONANCE_PERIOD(0x22, 0x00, Access.READ_ONLY);

    public enum Access { READ_ONLY, READ_WRITE }

    /** The highest implemented register address. */
    public static final int LAST_ADDRESS = 0x22;

    // STATUS bits (datasheet "Status (Address: 0x00)")
    public static final int STATUS_DEVICE_ID_SHIFT = 5;
    public static final int STATUS_DEVICE_ID_MASK = 0xE0;
    public static final int STATUS_DIAG_RESULT = 0x08;   // 1 = auto-calibration or diagnostic failed
    public static final int STATUS_OVER_TEMP = 0x02;
    public static final int STATUS_OC_DETECT = 0x01;
    /** DEVICE_ID of the DRV2605 (ROM library, no LRA open loop). */
    public static final int DEVICE_ID_DRV2605 = 3;
    /** DEVICE_ID of the DRV2605L. */
    public static final int DEVICE_ID_DRV2605L = 7;

    // MODE bits (datasheet "Mode (Address: 0x01)")
    public static final int MODE_DEV_RESET = 0x80;       // self-clearing: resets every register
    public static final int MODE_STANDBY = 0x40;         // 1 = software standby
    public static final int MODE_MASK = 0x07;
    public static final int MODE_INTERNAL_TRIGGER = 0;   // GO plays the waveform sequencer
    public static final int MODE_REAL_TIME_PLAYBACK = 5; // RTP_INPUT drives the actuator directly
    public static final int MODE_DIAGNOSTICS = 6;
    public static final int MODE_AUTO_CALIBRATION = 7;

    // LIBRARY_SEL values (datasheet "Library Selection (Address: 0x03)")
    public static final int LIBRARY_SEL_MASK = 0x07;
    public static final int LIBRARY_ERM_FIRST = 1;       // TS2200 library A
    public static final int LIBRARY_ERM_LAST = 5;        // TS2200 library E
    public static final int LIBRARY_LRA = 6;

    // WAVESEQn (datasheet "Waveform Sequencer (Address: 0x04 to 0x0B)")
    public static final int WAVESEQ_WAIT = 0x80;         // bits 6:0 are then a wait in 10 ms units
    public static final int WAVESEQ_SLOTS = 8;
    public static final int EFFECT_FIRST = 1;
    public static final int EFFECT_LAST = 123;

    public static final int GO_BIT = 0x01;

    public static final int FEEDBACK_N_ERM_LRA = 0x80;   // 1 = LRA, 0 = ERM
    public static final int CONTROL3_ERM_OPEN_LOOP = 0x20;
    public static final int CONTROL3_DATA_FORMAT_RTP_UNSIGNED = 0x08;
    public static final int CONTROL4_AUTO_CAL_TIME_SHIFT = 4;
    public static final int CONTROL4_AUTO_CAL_TIME_MASK = 0x30;

    private static final Drv2605lRegister[] BY_ADDRESS = new Drv2605lRegister[LAST_ADDRESS + 1];

    static {
        for (Drv2605lRegister r : values()) {
            BY_ADDRESS[r.address] = r;
        }
    }

    public final int address;
    public final int resetValue;
    public final Access access;

    Drv2605lRegister(int address, int resetValue, Access access) {
        this.address = address;
        this.resetValue = resetValue;
        this.access = access;
    }

    /** The register at {@code address}, or null above {@link #LAST_ADDRESS}. Allocates nothing. */
    public static Drv2605lRegister at(int address) {
        return address >= 0 && address <= LAST_ADDRESS ? BY_ADDRESS[address] : null;
    }

    /** The register's name for messages, e.g. "MODE", or "?" for an unimplemented address. */
    public static String nameOf(int address) {
        Drv2605lRegister r = at(address);
        return r != null ? r.name() : "?";
    }
}
