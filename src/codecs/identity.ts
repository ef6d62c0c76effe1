/** The `identity` codec: the message itself, as a baseline and for the `uncompressed` method. */
import { type Codec, DEFAULT_MAX_OUTPUT_BYTES, FrameError } from '../core/index.ts'
import { checkMaxOutputBytes } from './options.ts'

/** Creates the `identity` codec: encode and decode return copies; decode still honours the output limit. */
export function createIdentityCodec(): Codec {
  return {
    name: 'identity',
    library: 'node',
    libraryVersion: process.versions.node,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array => message.slice(),
    decode(payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array {
      if (payload.length > checkMaxOutputBytes(maxOutputBytes)) {
        throw new FrameError(
          'E_FRAME_TOO_LARGE',
          `identity payload has ${payload.length} bytes, above the limit of ${maxOutputBytes}`,
        )
      }
      return payload.slice()
    },
  }
}
