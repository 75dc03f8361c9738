package dev.posture.protocol.console;

/**
 * What one request line turned into: a request to carry out, or the error to answer with. A result
 * type rather than an exception because a bad request is ordinary traffic on a console, and the
 * device needs the error code for its {@code ERR} reply.
 */
public sealed interface ParsedLine permits ConsoleRequest, ConsoleError {
}
