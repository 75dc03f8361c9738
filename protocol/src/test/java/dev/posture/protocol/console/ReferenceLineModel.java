package dev.posture.protocol.console;

import dev.posture.protocol.console.LineFeed.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain, whole-input model of the line rules, written independently of {@link LineAssembler}'s
 * byte-at-a-time state machine: split at line ends first, then edit each line with a growable
 * StringBuilder. The fuzz test checks that both agree on every input.
 */
final class ReferenceLineModel {
    private ReferenceLineModel() {
    }

    static List<Result> results(byte[] data, int maxLineBytes) {
        List<Result> results = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r' || data[i] == '\n') {
                lineResult(data, start, i, maxLineBytes, results);
                if (data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return results;
    }

    private static void lineResult(byte[] data, int from, int to, int max, List<Result> results) {
        StringBuilder edited = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xFF;
            if (c == 0x08 || c == 0x7F) {
                if (edited.length() > 0) {
                    edited.setLength(edited.length() - 1);
                }
                continue;
            }
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                results.add(Result.error(ConsoleError.badByte(c, i - from)));
                return;
            }
            edited.append((char) c);
            if (edited.length() > max) {
                results.add(Result.error(ConsoleError.tooLong(max)));
                return;
            }
        }
        if (!edited.toString().replace(" ", "").replace("\t", "").isEmpty()) {
            results.add(Result.line(edited.toString()));
        }
    }
}
