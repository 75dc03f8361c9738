package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceCsvReaderTest {
    private static final String HEADER = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n";
    private static final List<PhysicalSample> TWO_ROWS = List.of(
            new PhysicalSample(0.0, -0.2361874, -0.3631649, 9.919315, -0.001064651, -0.004260349, 0.005326745),
            new PhysicalSample(0.0035, 1.5, 2e-3, -9.81, 0, 1e10, -0.0));

    @Test
    void readsRowsAsSamples() throws Exception {
        String csv = HEADER
                + "0.000000,-0.2361874,-0.3631649,9.919315,-0.001064651,-0.004260349,0.005326745\n"
                + "0.003500,1.5,2e-3,-9.81,0,1E+10,-0.0\n";

        assertEquals(TWO_ROWS, readAll(csv));
        assertEquals(TWO_ROWS, readAll(new OneByteInputStream(bytes(csv))));
    }

    @Test
    void columnsMayComeInAnyOrderAmongOthers() throws Exception {
        String csv = "movement,gyr_z,gt_qw,t_s,gyr_y,acc_z,acc_y,gyr_x,acc_x,label\n"
                + "0,0.005326745,,0.000000,-0.004260349,9.919315,-0.3631649,-0.001064651,-0.2361874,\"a, b\"\n"
                + "1,-0.0,0.5,0.003500,1e10,-9.81,2e-3,0,1.5,x\n";

        try (TraceCsvReader reader = TraceCsvReader.open(new ByteArrayInputStream(bytes(csv)))) {
            assertEquals(List.of("movement", "gyr_z", "gt_qw", "t_s", "gyr_y", "acc_z", "acc_y", "gyr_x", "acc_x", "label"),
                    reader.columns());
        }
        assertEquals(TWO_ROWS, readAll(csv));
    }

    @Test
    void readsGzipWhateverTheSource(@TempDir Path dir) throws Exception {
        String csv = HEADER + "0,-0.2361874,-0.3631649,9.919315,-0.001064651,-0.004260349,0.005326745\n"
                + "0.0035,1.5,0.002,-9.81,0,1e10,-0.0\n";
        byte[] gz = gzip(bytes(csv));
        Path file = dir.resolve("trial.csv.gz");
        Files.write(file, gz);

        assertEquals(TWO_ROWS, readAll(new ByteArrayInputStream(gz)));
        assertEquals(TWO_ROWS, readAll(new OneByteInputStream(gz)));
        List<PhysicalSample> fromFile = new ArrayList<>();
        try (TraceCsvReader reader = TraceCsvReader.open(file)) {
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                fromFile.add(s);
            }
            assertEquals(3, reader.lineNumber());
        }
        assertEquals(TWO_ROWS, fromFile);
    }

    @Test
    void toleratesCrlfByteOrderMarkQuotesAndBlanks() throws Exception {
        String csv = "\uFEFF\"t_s\", \"acc_x\",acc_y ,acc_z,gyr_x,gyr_y,gyr_z\r\n"
                + " 0 ,\"-0.2361874\",-0.3631649,9.919315,-0.001064651,-0.004260349,0.005326745\r\n"
                + "0.0035,1.5,2e-3,-9.81,0,1e10,-0.0"; // no line ending after the last row

        assertEquals(TWO_ROWS, readAll(csv));
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyTrace() throws Exception {
        assertEquals(List.of(), readAll(HEADER));
        assertEquals(List.of(), readAll(HEADER.trim()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|line 1: empty file, expected a header row",
        "'\n'|line 1: missing required columns t_s, acc_x, acc_y, acc_z, gyr_x, gyr_y, gyr_z",
        "'t_s,acc_x,acc_y,acc_z,gyr_x\n'|line 1: missing required columns gyr_y, gyr_z",
        "'time,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n'|line 1: missing required column t_s",
        "'t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,acc_x\n'|line 1: column acc_x appears twice (fields 2 and 8)",
        "'t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,\"gyr_z\n'|line 1, field 7: unterminated quoted field",
        "'$H0,1,2,3,4,5,six\n'|line 2, column gyr_z: not a number: \"six\"",
        "'$H0,1,2,3,4,5,1.2.3\n'|line 2, column gyr_z: not a number: \"1.2.3\"",
        "'$H0,1,2,3,4,5,0x1p3\n'|line 2, column gyr_z: not a number: \"0x1p3\"",
        "'$H0,1,2,3,4,5,1d\n'|line 2, column gyr_z: not a number: \"1d\"",
        "'$H0,1,2,3,4,5,\"1,5\"\n'|line 2, column gyr_z: not a number: \"1,5\"",
        "'$H0,1,2,3,4,5,1e\n'|line 2, column gyr_z: not a number: \"1e\"",
        "'$H0,1,2,3,4,5,-\n'|line 2, column gyr_z: not a number: \"-\"",
        "'$H0,NaN,2,3,4,5,6\n'|line 2, column acc_x: not finite: \"NaN\"",
        "'$H0,1,-Infinity,3,4,5,6\n'|line 2, column acc_y: not finite: \"-Infinity\"",
        "'$H0,1,2,inf,4,5,6\n'|line 2, column acc_z: not finite: \"inf\"",
        "'$H0,1,2,3,1e999,5,6\n'|line 2, column gyr_x: not finite: \"1e999\"",
        "'$H0,1,2,3,4,,6\n'|line 2, column gyr_y: empty",
        "'$H,1,2,3,4,5,6\n'|line 2, column t_s: empty",
        "'$H0,1,2,3,4,5\n'|line 2: 6 fields, expected 7 as in the header",
        "'$H0,1,2,3,4,5,6,7\n'|line 2: 8 fields, expected 7 as in the header",
        "'$H0,1,2,3,4,5,6\n\n0.1,1,2,3,4,5,6\n'|line 3: empty line",
        "'$H0.2,1,2,3,4,5,6\n0.1,1,2,3,4,5,6\n'|line 3, column t_s: time goes backwards (0.1 after 0.2 on line 2)",
        "'$H0.1,1,2,3,4,5,6\n0.10,1,2,3,4,5,6\n'|line 3, column t_s: time repeats (0.10 as on line 2)",
        "'$H0,1,2,3,4,5,\"6\"7\n'|line 2, field 7: text after the closing quote",
        "'$H0,1,2,3,4,5,6\n0.1,1,2,3,4,5,\"6\n7\"\n'|line 3, field 7: unterminated quoted field",
    })
    void refusesBadFilesWithOneLineNamingRowAndColumn(String csv, String message) {
        String text = csv.replace("$H", HEADER);
        assertEquals(message, failure(bytes(text)));
        assertEquals(message, failure(gzip(bytes(text))), "the same through gzip");
    }

    @Test
    void aCellIsShownShortAndOnOneLine() {
        String cell = "x\u0001" + "y".repeat(60);
        assertEquals("line 2, column acc_x: not a number: \"x?" + "y".repeat(38) + "...\"",
                failure(bytes(HEADER + "0," + cell + ",2,3,4,5,6\n")));
    }

    @Test
    void refusesOverlongLines() {
        char[] spaces = new char[TraceCsvReader.MAX_LINE_BYTES - 12];
        Arrays.fill(spaces, ' ');
        String tooLong = HEADER + "0,1,2,3,4,5," + new String(spaces) + "6\n"; // 8193 bytes: one too many
        assertEquals("line 2: longer than 8192 bytes", failure(bytes(tooLong)));
        assertEquals("line 2: longer than 8192 bytes", failure(bytes(tooLong.replace("\n", "\r\n"))));
        assertEquals("line 2: longer than 8192 bytes", failure(bytes(HEADER + "0,1,2,3,4,5," + "7".repeat(9000))));
    }

    @Test
    void aLineOfExactlyTheLimitIsRead() throws Exception {
        char[] spaces = new char[TraceCsvReader.MAX_LINE_BYTES - 13];
        Arrays.fill(spaces, ' ');
        String csv = HEADER + "0,1,2,3,4,5," + new String(spaces) + "6\r\n";
        assertEquals(List.of(new PhysicalSample(0, 1, 2, 3, 4, 5, 6)), readAll(csv));
    }

    @Test
    void corruptGzipIsAProtocolException() {
        byte[] gz = gzip(bytes(HEADER + "0,1,2,3,4,5,6\n0.1,1,2,3,4,5,6\n"));
        assertEquals("line 1: corrupt gzip data (Unexpected end of ZLIB input stream)",
                failure(Arrays.copyOf(gz, gz.length / 2)));

        byte[] badMethod = gz.clone();
        badMethod[2] = 7; // compression method: only 8 (deflate) exists
        assertEquals("line 1: corrupt gzip data (Unsupported compression method)", failure(badMethod));

        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1; // the trailer's CRC32
        assertEquals("line 4: corrupt gzip data (Corrupt GZIP trailer)", failure(badCrc), "found after the last line");
    }

    static List<PhysicalSample> readAll(String csv) throws IOException, ProtocolException {
        return readAll(new ByteArrayInputStream(bytes(csv)));
    }

    static List<PhysicalSample> readAll(InputStream in) throws IOException, ProtocolException {
        List<PhysicalSample> samples = new ArrayList<>();
        try (TraceCsvReader reader = TraceCsvReader.open(in)) {
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                samples.add(s);
            }
        }
        return samples;
    }

    /** The message for {@code bytes}, the same whether the stream delivers all or one byte per read. */
    private static String failure(byte[] bytes) {
        String whole = assertThrows(ProtocolException.class, () -> readAll(new ByteArrayInputStream(bytes))).getMessage();
        String oneByOne = assertThrows(ProtocolException.class, () -> readAll(new OneByteInputStream(bytes))).getMessage();
        assertEquals(whole, oneByOne);
        return whole;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
