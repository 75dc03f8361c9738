/**
 * The seam between the firmware's runtime and its I/O: {@link dev.posture.device.control.DeviceControl}
 * is what the serial console, the MQTT link and the button may ask of the device.
 */
package dev.posture.device.control;
