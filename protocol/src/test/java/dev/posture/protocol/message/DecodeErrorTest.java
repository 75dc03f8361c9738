package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.TopicKind;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every required-field, type and range error names its field with an exact message. JSON is written
 * with single quotes here for readability and turned into double quotes before decoding.
 */
class DecodeErrorTest {
    private static final String EVENT = "'schema':1,'device_id':'desk-07','seq':1,'time_ms':5,'uptime_ms':5,";
    private static final String STATUS = "'schema':1,'device_id':'desk-07','firmware':'0.1.0',";
    private static final String ONLINE = STATUS + "'state':'online','time_ms':1,'uptime_ms':1,'posture':'UPRIGHT',"
            + "'sensor':'ok','config_version':1,";
    private static final String TELEMETRY = "'schema':1,'device_id':'desk-07','time_ms':1,'uptime_ms':1,"
            + "'window_ms':1000,'samples':50,'missed':0,";
    private static final String REPLY = "'schema':1,'device_id':'desk-07',";

    static Stream<Arguments> cases() {
        return Stream.of(
                // schema and device id, the same for every kind
                c(TopicKind.STATUS, "{'device_id':'desk-07'}", "status: field 'schema' is missing"),
                c(TopicKind.STATUS, "{'schema':2}", "status: field 'schema' must be 1"),
                c(TopicKind.STATUS, "{'schema':'1'}", "status: field 'schema' must be 1"),
                c(TopicKind.STATUS, "{'schema':1.0}", "status: field 'schema' must be 1"),
                c(TopicKind.STATUS, "{'schema':null}", "status: field 'schema' is missing"),
                c(TopicKind.STATUS, "{'schema':1}", "status: field 'device_id' is missing"),
                c(TopicKind.STATUS, "{'schema':1,'device_id':7}", "status: field 'device_id' must be a string"),
                c(TopicKind.STATUS, "{'schema':1,'device_id':'Desk-07'}",
                        "status: field 'device_id' must match [a-z0-9-]{1,32}"),
                c(TopicKind.STATUS, "{'schema':1,'device_id':'desk/07'}",
                        "status: field 'device_id' must match [a-z0-9-]{1,32}"),
                // status
                c(TopicKind.STATUS, "{" + STATUS + "'x':0}", "status: field 'state' is missing"),
                c(TopicKind.STATUS, "{" + STATUS + "'state':'ONLINE'}",
                        "status: field 'state' must be one of online, offline"),
                c(TopicKind.STATUS, "{'schema':1,'device_id':'desk-07','state':'offline'}",
                        "status: field 'firmware' is missing"),
                c(TopicKind.STATUS, "{" + STATUS.replace("0.1.0", "0.1 beta") + "'state':'offline'}",
                        "status: field 'firmware' must match [0-9A-Za-z.+_-]{1,32}"),
                c(TopicKind.STATUS, "{" + STATUS + "'state':'online'}", "status: field 'time_ms' is missing"),
                c(TopicKind.STATUS, "{" + ONLINE.replace("'sensor':'ok',", "") + "'x':0}",
                        "status: field 'sensor' is missing"),
                c(TopicKind.STATUS, "{" + ONLINE.replace("'UPRIGHT'", "'upright'") + "'x':0}",
                        "status: field 'posture' must be one of UNCALIBRATED, UPRIGHT, DRIFTING, FORWARD, MOVING, "
                                + "NOT_UPRIGHT, SNOOZED, QUIET, RECLIP, FAULT"),
                c(TopicKind.STATUS, "{" + ONLINE + "'battery_pct':101}",
                        "status: field 'battery_pct' must be between 0 and 100"),
                c(TopicKind.STATUS, "{" + ONLINE + "'battery_pct':82.5}", "status: field 'battery_pct' must be an integer"),
                c(TopicKind.STATUS, "{" + ONLINE + "'rssi_dbm':3}", "status: field 'rssi_dbm' must be between -127 and 0"),
                c(TopicKind.STATUS, "{" + ONLINE.replace("'sensor':'ok',", "") + "'sensor':'bad'}",
                        "status: field 'sensor' must be one of ok, fault"),
                // event: common fields
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','type':'CHECKIN_DUE'}",
                        "event: field 'seq' is missing"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':null}", "event: field 'seq' is missing"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':-1}",
                        "event: field 'seq' must be between 0 and 9007199254740991"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':9007199254740992}",
                        "event: field 'seq' must be between 0 and 9007199254740991"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':123456789012345678901234567890}",
                        "event: field 'seq' must be between 0 and 9007199254740991"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':'1'}", "event: field 'seq' must be an integer"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1.0}", "event: field 'seq' must be an integer"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1e3}", "event: field 'seq' must be an integer"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1}", "event: field 'type' is missing"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1,'type':'cue'}",
                        "event: field 'type' must be one of CUE, RECOVERED, CHECKIN_DUE, CHECKIN_DONE, CHECKIN_MISSED, "
                                + "DRILL_DONE, CALIBRATED, RECALIBRATION_NEEDED, SENSOR_FAULT, SENSOR_RECOVERED, "
                                + "SNOOZED, CONFIG_CHANGED, BOOTED"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1,'type':'CUE'}",
                        "event: field 'time_ms' is missing"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1,'type':'CUE','time_ms':1}",
                        "event: field 'uptime_ms' is missing"),
                c(TopicKind.EVENT, "{'schema':1,'device_id':'desk-07','seq':1,'type':'CUE','time_ms':-5}",
                        "event: field 'time_ms' must be between 0 and 9007199254740991"),
                // event: per type
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_ms':1,'episode':1,'cue':1}",
                        "event: field 'forward_deg' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':'21.5'}",
                        "event: field 'forward_deg' must be a number"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':true}",
                        "event: field 'forward_deg' must be a number"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':1e400}",
                        "event: field 'forward_deg' must be between -180 and 180"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':-180.001}",
                        "event: field 'forward_deg' must be between -180 and 180"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':20,'forward_ms':1,'episode':0,'cue':1}",
                        "event: field 'episode' must be between 1 and 2147483647"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CUE','forward_deg':20,'forward_ms':1,'episode':1}",
                        "event: field 'cue' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'RECOVERED','forward_deg':20,'episode':1,'cues':1}",
                        "event: field 'correct_ms' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CHECKIN_DONE','hold_ms':5000}",
                        "event: field 'forward_deg' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CHECKIN_MISSED','pending_ms':-1}",
                        "event: field 'pending_ms' must be between 0 and 9007199254740991"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'DRILL_DONE','rounds_done':7,'rounds_asked':6}",
                        "event: field 'rounds_done' must not exceed rounds_asked"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'DRILL_DONE','rounds_done':0,'rounds_asked':0}",
                        "event: field 'rounds_asked' must be between 1 and 100"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CALIBRATED','step':'tall'}",
                        "event: field 'step' must be one of neutral, lean"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'RECALIBRATION_NEEDED'}",
                        "event: field 'forward_deg' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'SENSOR_FAULT','fault':'Bus Error'}",
                        "event: field 'fault' must match [a-z0-9_]{1,32}"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'SENSOR_RECOVERED','fault_ms':'2s'}",
                        "event: field 'fault_ms' must be an integer"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'SNOOZED','minutes':100000}",
                        "event: field 'minutes' must be between 1 and 1440"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'SNOOZED','minutes':0}",
                        "event: field 'minutes' must be between 1 and 1440"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CONFIG_CHANGED','config_version':8}",
                        "event: field 'source' is missing"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'CONFIG_CHANGED','config_version':8,'source':'usb'}",
                        "event: field 'source' must be one of mqtt, serial"),
                c(TopicKind.EVENT, "{" + EVENT + "'type':'BOOTED'}", "event: field 'firmware' is missing"),
                // telemetry
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'posture':'UPRIGHT','min_deg':1,'mean_deg':'x','max_deg':3}",
                        "telemetry: field 'mean_deg' must be a number"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'posture':'UPRIGHT','min_deg':1,'max_deg':3}",
                        "telemetry: field 'mean_deg' is missing"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'posture':'UPRIGHT','max_deg':3}",
                        "telemetry: field 'min_deg' is missing"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'posture':'UPRIGHT','min_deg':2,'mean_deg':1,'max_deg':3}",
                        "telemetry: field 'mean_deg' must lie between min_deg and max_deg"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'posture':'UNCALIBRATED','min_deg':1,'mean_deg':2,'max_deg':3}",
                        "telemetry: field 'min_deg' does not apply while UNCALIBRATED"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY.replace("'samples':50", "'samples':0")
                        + "'posture':'UPRIGHT','min_deg':1,'mean_deg':2,'max_deg':3}",
                        "telemetry: field 'min_deg' does not apply without samples"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY.replace("1000", "0") + "'posture':'UPRIGHT'}",
                        "telemetry: field 'window_ms' must be between 1 and 60000"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY + "'x':1}", "telemetry: field 'posture' is missing"),
                c(TopicKind.TELEMETRY, "{" + TELEMETRY.replace("'missed':0", "'missed':-1") + "'posture':'UPRIGHT'}",
                        "telemetry: field 'missed' must be between 0 and 60000"),
                // config
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1}", "config: field 'values' is missing"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','values':{}}", "config: field 'version' is missing"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':-1,'values':{}}",
                        "config: field 'version' must be between 0 and 9007199254740991"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':[]}",
                        "config: field 'values' must be an object"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'a':{'b':1}}}",
                        "config: field 'values.a' must be a string, number or boolean"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'a':null}}",
                        "config: field 'values.a' must be a string, number or boolean"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'a':[1]}}",
                        "config: field 'values.a' must be a string, number or boolean"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'Threshold':1}}",
                        "config: field 'values' key 'Threshold' must match [a-z][a-z0-9_]{0,63}"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'9lives':1}}",
                        "config: field 'values' key '9lives' must match [a-z][a-z0-9_]{0,63}"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':1e-40}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':1e999999999}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':1e2147483647}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':1.5e-2147483646}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':1e33}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':12345678901234567890}}",
                        "config: field 'values.x' is out of range"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':'a\\u0001b'}}",
                        "config: field 'values.x' must be 0 to 1024 printable characters"),
                c(TopicKind.CONFIG, "{'schema':1,'device_id':'desk-07','version':1,'values':{'x':'\\ud800'}}",
                        "config: field 'values.x' must be 0 to 1024 printable characters"),
                // config/set and its reply
                c(TopicKind.CONFIG_SET, "{'schema':1,'values':{}}", "config/set: field 'values' must not be empty"),
                c(TopicKind.CONFIG_SET, "{'schema':1}", "config/set: field 'values' is missing"),
                c(TopicKind.CONFIG_SET, "{'schema':1,'request_id':'has space','values':{'a':1}}",
                        "config/set: field 'request_id' must match [A-Za-z0-9._:-]{1,64}"),
                c(TopicKind.CONFIG_SET, "{'schema':1,'request_id':42,'values':{'a':1}}",
                        "config/set: field 'request_id' must be a string"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'version':1}", "config/result: field 'ok' is missing"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':'true'}", "config/result: field 'ok' must be true or false"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':true,'applied':{}}", "config/result: field 'version' is missing"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':true,'version':2}", "config/result: field 'applied' is missing"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false}", "config/result: field 'errors' is missing"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':[]}",
                        "config/result: field 'errors' must not be empty when ok is false"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':{'a':1}}",
                        "config/result: field 'errors' must be an array"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':['x']}",
                        "config/result: field 'errors[0]' must be an object"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':[{'message':'bad'},{'key':'x'}]}",
                        "config/result: field 'errors[1].message' is missing"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':[{'key':'X','message':'bad'}]}",
                        "config/result: field 'errors[0].key' must match [a-z][a-z0-9_]{0,63}"),
                c(TopicKind.CONFIG_RESULT, "{" + REPLY + "'ok':false,'errors':[{'message':''}]}",
                        "config/result: field 'errors[0].message' must be 1 to 256 printable characters"),
                // cmd and its reply
                c(TopicKind.CMD, "{'schema':1}", "cmd: field 'command' is missing"),
                c(TopicKind.CMD, "{'schema':1,'command':'reboot'}",
                        "cmd: field 'command' must be one of calibrate_neutral, calibrate_lean, cue_test, snooze, "
                                + "trace_start, trace_stop, trace_list, trace_get, status"),
                c(TopicKind.CMD, "{'schema':1,'command':'SNOOZE'}",
                        "cmd: field 'command' must be one of calibrate_neutral, calibrate_lean, cue_test, snooze, "
                                + "trace_start, trace_stop, trace_list, trace_get, status"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze'}", "cmd: field 'args.minutes' is missing"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':{}}", "cmd: field 'args.minutes' is missing"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':5}", "cmd: field 'args' must be an object"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':{'minutes':100000}}",
                        "cmd: field 'args.minutes' must be between 0 and 1440"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':{'minutes':-5}}",
                        "cmd: field 'args.minutes' must be between 0 and 1440"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':{'minutes':99999999999999}}",
                        "cmd: field 'args.minutes' must be between 0 and 1440"),
                c(TopicKind.CMD, "{'schema':1,'command':'snooze','args':{'minutes':'30'}}",
                        "cmd: field 'args.minutes' must be an integer"),
                c(TopicKind.CMD, "{'schema':1,'command':'trace_get'}", "cmd: field 'args.recording_id' is missing"),
                c(TopicKind.CMD, "{'schema':1,'command':'trace_get','args':{'recording_id':'../etc'}}",
                        "cmd: field 'args.recording_id' must match [a-z0-9-]{1,64}"),
                c(TopicKind.CMD, "{'schema':1,'command':'cue_test','args':{'pattern':'Loud!'}}",
                        "cmd: field 'args.pattern' must match [a-z0-9_]{1,32}"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':false}", "cmd/result: field 'error' is missing"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':false,'error':''}",
                        "cmd/result: field 'error' must be 1 to 256 printable characters"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':false,'error':'two\\nlines'}",
                        "cmd/result: field 'error' must be 1 to 256 printable characters"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'command':'dance','ok':true}",
                        "cmd/result: field 'command' must be one of calibrate_neutral, calibrate_lean, cue_test, "
                                + "snooze, trace_start, trace_stop, trace_list, trace_get, status"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':true,'result':{'a':[[1]]}}",
                        "cmd/result: field 'result.a[0]' must be a string, number or boolean"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':true,'result':{'a':{'b':1}}}",
                        "cmd/result: field 'result.a' must be a string, number, boolean or list of those"),
                c(TopicKind.CMD_RESULT, "{" + REPLY + "'ok':true,'result':[]}",
                        "cmd/result: field 'result' must be an object"));
    }

    private static Arguments c(TopicKind kind, String singleQuoted, String expected) {
        return Arguments.of(kind, singleQuoted.replace('\'', '"'), expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cases")
    void rejectsWithTheExactMessage(TopicKind kind, String json, String expected) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(kind, json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, e.getMessage());
    }
}
