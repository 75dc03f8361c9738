/**
 * The device's MQTT link (Paho v5): {@link dev.posture.device.mqtt.MqttLink} connects with a last
 * will, publishes status, config, telemetry and events (from the durable
 * {@link dev.posture.device.mqtt.EventOutbox}), and answers config/set and cmd requests through
 * {@link dev.posture.device.control.DeviceControl}. See {@code device/docs/mqtt.md}.
 */
package dev.posture.device.mqtt;
