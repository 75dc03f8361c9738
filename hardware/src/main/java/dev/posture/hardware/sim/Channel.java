package dev.posture.hardware.sim;

/**
 * The scalar degrees of freedom of the wearer model; each is a {@link Track} plus oscillator banks.
 * Angles in radians, lengths in metres, speed in m/s.
 */
enum Channel {
    /** Torso yaw relative to the carrier heading (rad, + = turn left / counter-clockwise from above). */
    YAW_OFFSET,
    /** Torso pitch about the hips (rad, + = forward). */
    PITCH,
    /** Torso roll about its forward axis (rad, + = lean to the wearer's right). */
    ROLL,
    /** Upper-back and head-forward flexion about a mid-back joint (rad, + = forward). */
    SLOUCH,
    /** Hip (torso pivot) height above the floor (m). */
    HEIGHT,
    /** Hip displacement along the carrier heading (m). */
    SURGE,
    /** Hip displacement to the carrier's right (m). */
    LATERAL,
    /** Carrier speed along its heading (m/s): walking, jogging, the bus. */
    SPEED,
    /** Carrier heading (rad, counter-clockwise from north, so 0 = facing +y of ENU). */
    HEADING,
    /** Off-body hand displacement of the sensor away from the collar (m). */
    HAND,
    /** Off-body wobble of the sensor about its own x axis (rad). */
    WOBBLE_X,
    /** Off-body wobble of the sensor about its own y axis (rad). */
    WOBBLE_Y;

    static final int COUNT = values().length;
}
