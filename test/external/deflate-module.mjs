// A team's compressor as an ES module (external_module): raw deflate from node:zlib with a one-byte
// tag, 1 = deflate follows, 0 = the message as is; deflate only when it is shorter.
import { deflateRawSync, inflateRawSync } from 'node:zlib'

export const libraries = { 'node:zlib': process.versions.zlib }

export function compress(data) {
  const deflated = deflateRawSync(data, { level: 9 })
  if (deflated.length < data.length) return { frame: Buffer.concat([Buffer.of(1), deflated]), method: 'deflate' }
  return { frame: Buffer.concat([Buffer.of(0), data]), method: 'uncompressed' }
}

export function decompress(frame) {
  if (frame.length === 0) throw Object.assign(new Error('frame is empty'), { code: 'E_FRAME_EMPTY' })
  if (frame[0] === 0) return frame.subarray(1)
  if (frame[0] === 1) return new Uint8Array(inflateRawSync(frame.subarray(1)))
  throw Object.assign(new Error(`unknown tag ${frame[0]}`), { code: 'E_FRAME_UNKNOWN_METHOD' })
}
