/**
 * Each replay config as plain data (round 40), so the memory probe can open it in a child process of its own, as
 * compare's probe does since round 39: the same spec opens the config the replay measures (openWireSpec).
 */
import { createHeldOutDerived } from '../compare/index.ts'
import type { CompressorConfig } from '../core/index.ts'
import { createCompressorFromConfig } from '../runner/index.ts'
import type { StatefulOptions } from '../stateful/index.ts'
import type { ConfigRef, CorpusSpec, Suite } from '../suite/index.ts'
import { pmdLabel } from '../compare/index.ts'
import {
  permessageDeflateWireConfig,
  perMessageWireConfig,
  perMessageWireName,
  rawWireConfig,
  statefulWireConfig,
  statefulWireName,
} from './configs.ts'
import type { WireConfig, WirePermessageDeflate } from './socket-replay.ts'

/** A replay config as plain data (sent over a child process's IPC channel). */
export type WireSpec =
  | { kind: 'raw' }
  | { kind: 'permessage_deflate'; pmd: WirePermessageDeflate }
  | { kind: 'stateful'; name: string; options: StatefulOptions }
  | { kind: 'per-message'; config: CompressorConfig }
  /** a config with `discover:` / `zstd_dict_training:`: its store and dictionary built for the corpus, as compare does */
  | { kind: 'derived'; name: string; ref: ConfigRef; corpus: CorpusSpec; suite: Suite; createdAt: string }

/** The row name of the config a spec names (as openWireSpec's config is named), without building it. */
export function wireSpecName(spec: WireSpec): string {
  switch (spec.kind) {
    case 'raw':
      return rawWireConfig().name
    case 'permessage_deflate':
      return pmdLabel(spec.pmd.level, spec.pmd.contextTakeover)
    case 'stateful':
      return statefulWireName(spec.name)
    case 'per-message':
      return perMessageWireName(spec.config.name)
    case 'derived':
      return perMessageWireName(spec.name)
  }
}

/** The config a spec names, built afresh (a per-message hybrid learns from what it compresses). */
export async function openWireSpec(spec: WireSpec): Promise<WireConfig> {
  switch (spec.kind) {
    case 'raw':
      return rawWireConfig()
    case 'permessage_deflate':
      return permessageDeflateWireConfig(spec.pmd)
    case 'stateful':
      return statefulWireConfig(spec.name, spec.options)
    case 'per-message':
      return perMessageWireConfig(spec.config.name, await createCompressorFromConfig(spec.config))
    case 'derived':
      return perMessageWireConfig(
        spec.name,
        await createHeldOutDerived(spec.ref, spec.corpus, spec.suite, spec.createdAt),
      )
  }
}
