package dev.posture.device.mqtt;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secrets of the MQTT connection, kept out of the config file (which the audit log, GET and the
 * retained {@code config} topic show): a Java properties file, UTF-8, readable by the device's user
 * only, with two optional keys:
 *
 * <pre>
 * # /etc/posture/mqtt.credentials
 * password = s3cret
 * ca_file = /etc/posture/broker-ca.pem   (PEM or DER X.509; relative paths are relative to this file)
 * </pre>
 *
 * The user name is {@code broker_username} in the config. {@link #toString()} never shows the password.
 *
 * @param password the broker password, or empty for none
 * @param caFile   CA certificate(s) to trust for {@code ssl://}, or empty for the JVM's trust store
 */
public record MqttCredentials(Optional<char[]> password, Optional<Path> caFile) {
    static final String PASSWORD = "password";
    static final String CA_FILE = "ca_file";
    private static final Set<String> KEYS = Set.of(PASSWORD, CA_FILE);

    /** No password, default trust. */
    public static final MqttCredentials NONE = new MqttCredentials(Optional.empty(), Optional.empty());

    /**
     * Reads a credentials file.
     *
     * @throws IOException one line naming the file and what is wrong: missing, unreadable, not
     *     UTF-8, a malformed escape, an unknown key, an empty password, or a CA file that is not there
     */
    public static MqttCredentials read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("mqtt credentials " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IOException("mqtt credentials " + file + ": not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new IOException("mqtt credentials " + file + ": malformed \\u escape");
        } catch (IOException e) {
            throw new IOException("mqtt credentials " + file + ": cannot read (" + EventOutbox.describe(e) + ")");
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IOException("mqtt credentials " + file + ": unknown key '" + unknown.iterator().next()
                    + "' (expected " + PASSWORD + ", " + CA_FILE + ")");
        }
        Optional<char[]> password = Optional.empty();
        String text = properties.getProperty(PASSWORD);
        if (text != null) {
            if (text.isEmpty()) {
                throw new IOException("mqtt credentials " + file + ": " + PASSWORD
                        + " is empty (leave the key out for none)");
            }
            password = Optional.of(text.toCharArray());
        }
        Optional<Path> ca = Optional.empty();
        String caText = properties.getProperty(CA_FILE);
        if (caText != null) {
            Path base = file.toAbsolutePath().getParent();
            Path caPath = base == null ? Path.of(caText) : base.resolve(caText);
            if (caText.isEmpty() || !Files.isReadable(caPath) || Files.isDirectory(caPath)) {
                throw new IOException("mqtt credentials " + file + ": " + CA_FILE + " '" + caText
                        + "' is not a readable file");
            }
            ca = Optional.of(caPath);
        }
        return new MqttCredentials(password, ca);
    }

    @Override
    public String toString() {
        return "MqttCredentials[password=" + (password.isPresent() ? "***" : "none") + ", caFile="
                + caFile.map(Path::toString).orElse("none") + "]";
    }
}
