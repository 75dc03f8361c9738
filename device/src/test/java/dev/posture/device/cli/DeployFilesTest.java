package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files device/README.md tells an installer to copy stay true to the code, and {@code run} fails cleanly off a Pi. */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("deploy");

    @Test
    void defaultConfigFileIsWhatConfigDefaultsPrints() throws Exception {
        assertEquals(ConfigFile.format(Config.defaults()), Files.readString(DEPLOY.resolve("device.properties")),
                "regenerate with: java -jar device/target/posture-device.jar config defaults > device/deploy/device.properties");
    }

    @Test
    void systemdUnitRunsTheJarWithTheDocumentedConfig() throws Exception {
        List<String> unit = Files.readAllLines(DEPLOY.resolve("posture-device.service"));
        String exec = String.join(" ", unit.stream().dropWhile(l -> !l.startsWith("ExecStart="))
                .limit(2).toList()).replace("\\", "");
        assertTrue(exec.contains("-jar /opt/posture/posture-device.jar run --config /var/lib/posture/device.properties"),
                exec);
        assertTrue(exec.contains("-Xmx48m"), exec);
        assertTrue(unit.contains("User=posture"), "never as root");
        assertTrue(unit.contains("Restart=always"));
        assertTrue(unit.contains("StateDirectory=posture"));
    }

    @Test
    void runWithoutThePiHardwareSaysWhatIsMissingInOneLine(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = CommandLines.run(new DeviceCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
                "run", "--config", dir.resolve("device.properties").toString(), "--serial", "none", "--no-mqtt");
        assertEquals(CommandLines.FAILED, code, err::toString);
        assertTrue(err.toString().startsWith("posture-device run: hardware: i2c bus 1 addr 0x68: open failed"),
                err::toString);
        assertEquals(1, err.toString().split("\\R").length, err::toString);
    }
}
