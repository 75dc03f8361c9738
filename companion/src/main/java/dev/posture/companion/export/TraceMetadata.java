package dev.posture.companion.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.SensorVector;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A trace header (and what the reader found) as JSON, for the CSV sidecar and the BIDS sidecar. */
final class TraceMetadata {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceMetadata() {
    }

    /** Every header field, with scale factors kept as exact ratios (and their decimal value). */
    static ObjectNode header(TraceHeader h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("device_id", h.deviceId());
        n.put("sensor_model", h.sensorModel());
        n.put("recording_id", h.recordingId());
        n.put("start_time", Instant.ofEpochMilli(h.startEpochMs()).toString());
        n.put("start_epoch_ms", h.startEpochMs());
        n.put("device_start_us", h.deviceStartUs());
        n.set("sample_rate_hz", ratio(h.sampleRateHz()));
        n.set("accel_lsb_per_g", ratio(h.accelLsbPerG()));
        n.put("accel_range_g", h.accelRangeG());
        n.set("gyro_lsb_per_dps", ratio(h.gyroLsbPerDps()));
        n.put("gyro_range_dps", h.gyroRangeDps());
        ObjectNode cal = n.putObject("calibration");
        cal.set("neutral_up", vector(h.calibration().neutralUp()));
        cal.set("forward", vector(h.calibration().forward()));
        return n;
    }

    static ArrayNode defects(List<TraceDefect> defects) {
        ArrayNode a = JSON.createArrayNode();
        for (TraceDefect d : defects) {
            ObjectNode o = a.addObject();
            o.put("offset", d.offset());
            o.put("kind", d.kind().name());
            o.put("message", d.message());
        }
        return a;
    }

    static void write(ObjectNode json, Path file) throws ExportException {
        try {
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw OutputFiles.writeFailed(file, e);
        }
    }

    private static ObjectNode ratio(Rational r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("numerator", r.numerator());
        o.put("denominator", r.denominator());
        o.put("value", r.toDouble());
        return o;
    }

    private static ArrayNode vector(Optional<SensorVector> v) {
        if (v.isEmpty()) {
            return null;
        }
        ArrayNode a = JSON.createArrayNode();
        a.add(v.get().x()).add(v.get().y()).add(v.get().z());
        return a;
    }
}
