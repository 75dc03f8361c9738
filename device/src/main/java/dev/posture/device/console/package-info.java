/**
 * The USB serial console (device/docs/console.md): {@link dev.posture.device.console.ConsoleSession}
 * carries out the console of protocol/docs/console.md on a {@link dev.posture.device.control.DeviceControl},
 * independent of the transport; {@link dev.posture.device.console.SerialConsole} runs it on a serial
 * port opened by path with jSerialComm.
 */
package dev.posture.device.console;
