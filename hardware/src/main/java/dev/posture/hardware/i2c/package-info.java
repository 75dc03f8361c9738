/**
 * I2C plumbing shared by the chip drivers and their emulators.
 *
 * <ul>
 *   <li>{@link dev.posture.hardware.i2c.I2cDevice}: what a driver uses to talk to its chip over a Pi4J
 *       {@code I2C} handle; turns Pi4J's runtime exceptions into
 *       {@link dev.posture.hardware.HardwareException} naming bus, address and register.</li>
 *   <li>{@link dev.posture.hardware.i2c.RegisterMapEmulator}: the base of every chip emulator, a
 *       256-register map behind Pi4J's {@code I2C} interface with datasheet reset values, access
 *       rules, hooks, burst reads and fault injection.</li>
 *   <li>{@link dev.posture.hardware.i2c.BusErrno}: the Linux errno values a transfer fails with.</li>
 * </ul>
 */
package dev.posture.hardware.i2c;
