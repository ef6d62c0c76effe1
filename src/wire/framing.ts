/**
 * RFC 6455 framing overhead, the accounting the replay checks socket byte counts against:
 * - every message is one frame: 2 header bytes, plus 2 (payload 126-65535 bytes) or 8 (more) of
 *   extended length (5.2), plus a 4-byte masking key on frames a client sends (5.3);
 * - the opening handshake is the HTTP upgrade request and its 101 response, counted as measured
 *   on the server's socket when the connection opens (its size depends on headers and the key);
 * - the closing handshake: the client's close frame with status 1000 and no reason (2 + 4 + 2
 *   bytes, masked) and the server's echo (2 + 2 bytes).
 */

/** Header bytes of one frame carrying `payloadBytes`, masked when a client sends it. */
export function frameHeaderBytes(payloadBytes: number, masked: boolean): number {
  const extended = payloadBytes <= 125 ? 0 : payloadBytes <= 0xffff ? 2 : 8
  return 2 + extended + (masked ? 4 : 0)
}

/** Bytes of the client's close frame (status code 1000, no reason, masked). */
export const CLIENT_CLOSE_BYTES = frameHeaderBytes(2, true) + 2
/** Bytes of the server's close frame echoing status 1000. */
export const SERVER_CLOSE_BYTES = frameHeaderBytes(2, false) + 2

/** What the accounting expects on the wire for one connection whose server sent `payloadSizes`. */
export function expectedWireBytes(
  payloadSizes: readonly number[],
  handshake: { requestBytes: number; responseBytes: number },
): { serverToClient: number; clientToServer: number; framingBytes: number } {
  const framingBytes = payloadSizes.reduce((sum, n) => sum + frameHeaderBytes(n, false), 0)
  const payloadBytes = payloadSizes.reduce((sum, n) => sum + n, 0)
  return {
    serverToClient: handshake.responseBytes + payloadBytes + framingBytes + SERVER_CLOSE_BYTES,
    clientToServer: handshake.requestBytes + CLIENT_CLOSE_BYTES,
    framingBytes,
  }
}
