package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttCredentialsTest {
    @TempDir
    Path dir;

    private IOException failure(String content) throws IOException {
        Path file = dir.resolve("creds");
        Files.writeString(file, content);
        return assertThrows(IOException.class, () -> MqttCredentials.read(file));
    }

    @Test
    void readsPasswordAndACaFileRelativeToItself() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = dir.resolve("creds");
        Files.writeString(file, "# secrets\npassword = s3cr\\u00e9t\nca_file = ca.pem\n");
        MqttCredentials credentials = MqttCredentials.read(file);
        assertArrayEquals("s3cr\u00e9t".toCharArray(), credentials.password().orElseThrow());
        assertEquals(dir.resolve("ca.pem"), credentials.caFile().orElseThrow());
        assertFalse(credentials.toString().contains("s3cr"), credentials.toString());
    }

    @Test
    void problemsAreOneLineNamingTheFile() throws IOException {
        Path file = dir.resolve("creds");
        assertEquals("mqtt credentials " + file + ": unknown key 'pasword' (expected password, ca_file)",
                failure("pasword=x\n").getMessage());
        assertEquals("mqtt credentials " + file + ": password is empty (leave the key out for none)",
                failure("password=\n").getMessage());
        assertEquals("mqtt credentials " + file + ": ca_file 'nope.pem' is not a readable file",
                failure("ca_file=nope.pem\n").getMessage());
        assertEquals("mqtt credentials " + file + ": malformed \\u escape", failure("password=\\u12\n").getMessage());
        Files.write(file, new byte[] {'p', '=', (byte) 0xff, (byte) 0xfe});
        assertEquals("mqtt credentials " + file + ": not UTF-8 text",
                assertThrows(IOException.class, () -> MqttCredentials.read(file)).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("mqtt credentials " + missing + ": no such file",
                assertThrows(IOException.class, () -> MqttCredentials.read(missing)).getMessage());
    }

    @Test
    void settingsComeFromTheConfigTheCredentialsAndTheStateDirectory() throws Exception {
        Config config = Config.fromJsonValues(Map.of("device_id", "desk-07", "broker_url", "ssl://broker:8883",
                "broker_username", "wearer"), 3);
        Path creds = dir.resolve("creds");
        Files.writeString(creds, "password=hunter2\n");
        MqttSettings settings = MqttSettings.from(config, Optional.of(creds), dir.resolve("state"));
        assertEquals("ssl://broker:8883", settings.brokerUrl());
        assertEquals("desk-07", settings.clientId());
        assertEquals(Optional.of("wearer"), settings.username());
        assertArrayEquals("hunter2".toCharArray(), settings.password().orElseThrow());
        assertEquals(dir.resolve("state").resolve("mqtt-outbox"), settings.outboxDir());
        assertEquals(64L << 20, settings.outboxCapBytes());
        assertTrue(settings.toString().contains("password=***"), settings.toString());
        assertFalse(settings.toString().contains("hunter2"));

        MqttSettings anonymous = MqttSettings.from(Config.fromJsonValues(Map.of("device_id", "desk-07"), 0),
                Optional.empty(), dir);
        assertEquals(Optional.empty(), anonymous.username());
        assertEquals(Optional.empty(), anonymous.password());
        assertThrows(IllegalArgumentException.class, () -> anonymous.withBrokerUrl("http://broker:80"));
        assertEquals("ws://broker:80/mqtt", anonymous.withBrokerUrl("ws://broker:80/mqtt").brokerUrl());
    }
}
