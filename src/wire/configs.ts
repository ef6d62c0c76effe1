/** The configs a replay sends with: raw, permessage-deflate negotiated by ws, a per-message hybrid, the stateful hybrid. */
import { hybridLabel, pmdLabel } from '../compare/index.ts'
import { AuraError, type Compressor } from '../core/index.ts'
import { createPermessageDeflateConnection, openStatefulPair, type StatefulOptions } from '../stateful/index.ts'
import type { WireConfig, WirePermessageDeflate } from './socket-replay.ts'

/** Messages as they are: the baseline's payload is the message. */
export function rawWireConfig(): WireConfig {
  return {
    name: 'raw',
    perMessageDeflate: null,
    timesDecode: true,
    open: () => ({ encode: (m) => m, decode: (p) => p, payloadBytes: (m) => m.length, close() {} }),
  }
}

/**
 * permessage-deflate as ws negotiates it: the messages go to ws uncompressed and ws deflates them;
 * a replica of the same stream (same level, memLevel, window, takeover) predicts each payload.
 */
export function permessageDeflateWireConfig(pmd: WirePermessageDeflate): WireConfig {
  return {
    // compare's name for the same entry (round 39; `pmd L6 w15 takeover` before): the window is the suite's window_bits
    name: pmdLabel(pmd.level, pmd.contextTakeover),
    perMessageDeflate: pmd,
    timesDecode: false,
    open() {
      const replica = createPermessageDeflateConnection({
        level: pmd.level,
        memLevel: pmd.memLevel,
        windowBits: pmd.windowBits,
        contextTakeover: pmd.contextTakeover,
      })
      return {
        encode: (m) => m,
        decode: (p) => p,
        payloadBytes: async (m) => (await replica.encode(m)).length,
        close: () => replica.close(),
      }
    },
  }
}

/** A per-message hybrid config's row name. */
export const perMessageWireName = (name: string): string => hybridLabel(name)

/** A stateful config's row name. */
export const statefulWireName = (name: string): string => `${hybridLabel(name)} (stateful)`

/** A per-message hybrid: each message's frame as one binary message. */
export function perMessageWireConfig(name: string, compressor: Compressor): WireConfig {
  return {
    name: perMessageWireName(name),
    perMessageDeflate: null,
    timesDecode: true,
    open: () => ({
      encode: async (m) => (await compressor.compress(m)).bytes,
      decode: (p) => compressor.decompress(p),
      payloadBytes: (_m, encoded) => encoded.length,
      close() {},
    }),
  }
}

/** The stateful hybrid: a fresh sender and receiver per connection. */
export function statefulWireConfig(name: string, options: StatefulOptions): WireConfig {
  return {
    name: statefulWireName(name),
    perMessageDeflate: null,
    timesDecode: true,
    open: () => ({
      ...openStatefulPair(options),
      payloadBytes: (_m: Uint8Array, encoded: Uint8Array) => encoded.length,
    }),
  }
}

/**
 * What a config's failure to send is recorded as (its row marked failed, exit 1), or undefined for an
 * error that is no config's (the environment's, an internal one), which stops the replay as before.
 */
export function configFailure(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof AuraError) || error.code === 'E_INTERNAL' || error.code === 'E_ENVIRONMENT') return undefined
  return { code: error.code, message: error.reason }
}
