package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.List;

/**
 * An MQTT broker address as Paho takes it: {@code scheme://host[:port]}, with an optional path for
 * WebSocket brokers (EMQX and HiveMQ serve MQTT over WebSocket at {@code /mqtt}). Host names follow
 * RFC 1123 (no underscore: {@link java.net.URI} and therefore Paho reject it); IPv6 literals go in
 * brackets. Credentials are refused: they live in the device's separate credentials file.
 */
final class BrokerUrlType implements TextType<String> {
    static final int MAX_LENGTH = 200;
    private static final List<String> SCHEMES = List.of("tcp", "ssl", "ws", "wss");

    @Override
    public String fromText(String text) throws ProtocolException {
        String problem = text == null ? "is not a URL" : problemWith(text);
        if (problem != null) {
            throw new ProtocolException(ProblemText.quote(text) + " " + problem);
        }
        return text;
    }

    /** What is wrong with the URL, as the end of a sentence that starts with the URL; null if valid. */
    private static String problemWith(String url) {
        if (url.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd);
        if (!SCHEMES.contains(scheme)) {
            return "must start with tcp://, ssl://, ws:// or wss://";
        }
        String rest = url.substring(schemeEnd + 3);
        int pathStart = rest.indexOf('/');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String path = pathStart < 0 ? "" : rest.substring(pathStart);
        if (authority.indexOf('@') >= 0) {
            return "must not contain credentials (use broker_username and the credentials file)";
        }
        String authorityProblem = problemWithAuthority(authority);
        if (authorityProblem != null) {
            return authorityProblem;
        }
        if (!path.isEmpty() && !scheme.startsWith("ws")) {
            return "may have a path only with ws:// or wss://";
        }
        if (!path.chars().allMatch(BrokerUrlType::isPathChar)) {
            return "has an invalid path";
        }
        return null;
    }

    private static String problemWithAuthority(String authority) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return "has an invalid host";
            }
            host = authority.substring(1, close);
            String afterHost = authority.substring(close + 1);
            if (!afterHost.isEmpty() && !afterHost.startsWith(":")) {
                return "has an invalid host";
            }
            port = afterHost.isEmpty() ? null : afterHost.substring(1);
            if (!isIpv6(host)) {
                return "has an invalid host";
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                return "has no host";
            }
            if (!isHostName(host)) {
                return "has an invalid host";
            }
        }
        if (port != null && !isPort(port)) {
            return "has an invalid port (1..65535)";
        }
        return null;
    }

    /** RFC 1123 names, which include dotted IPv4 addresses: labels of 1..63 letters, digits, inner '-'. */
    private static boolean isHostName(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Loose: hex digits, ':' and '.' (for an embedded IPv4), at least two colons; Paho parses the rest. */
    private static boolean isIpv6(String host) {
        long colons = host.chars().filter(c -> c == ':').count();
        return host.length() <= 45 && colons >= 2 && host.chars().allMatch(
                c -> c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || port.startsWith("0")
                || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(port) <= 65535;
    }

    private static boolean isPathChar(int c) {
        return isAsciiLetterOrDigit(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    @Override
    public String toText(String value) {
        return value;
    }

    @Override
    public String typeName() {
        return "URL";
    }

    @Override
    public String rangeText() {
        return "tcp://, ssl://, ws:// or wss:// host[:port], a path only for ws/wss";
    }
}
