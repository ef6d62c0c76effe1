/**
 * The compressors of a suite run: each built once before anything runs (but for a config whose store
 * or dictionary is derived per corpus), and closed however the run ends (an external process must not
 * outlive it).
 */
import { AuraError, type Compressor } from '../core/index.ts'
import { isExternalConfig, loadSuiteConfig, type ConfigRef, type Suite } from '../suite/index.ts'
import { checkDerivedConfig, hasDerivedState } from './derived-compressor.ts'
import { createCompressorFromConfig } from './load-compressor.ts'
import type { RunSuiteOptions } from './suite-run-types.ts'

export interface BuiltCompressor {
  ref: ConfigRef
  /** null for a config built per corpus (derived store or dictionary) */
  compressor: Compressor | null
}

/** Builds every compressor; when one fails, closes those already built (an external process must not outlive the error). */
export async function buildCompressors(
  suite: Suite,
  create: (ref: ConfigRef) => Promise<Compressor>,
): Promise<BuiltCompressor[]> {
  const built: BuiltCompressor[] = []
  try {
    for (const ref of suite.configs) {
      const derived = hasDerivedState(ref)
      if (derived) await checkDerivedConfig(ref, suite)
      built.push({ ref, compressor: derived ? null : await create(ref) })
    }
  } catch (error) {
    await closeCompressors(built)
    throw error
  }
  return built
}

/** What a compressor holding a resource (an external process) adds: close(), and how its latency is measured. */
type ResourceCompressor = Compressor & { close?: unknown; latencyMode?: unknown }

export async function closeCompressors(built: readonly BuiltCompressor[]): Promise<void> {
  await Promise.all(built.map(({ compressor }) => closeCompressor(compressor)))
}

/** Closes a compressor that holds a resource; others have nothing to close. */
async function closeCompressor(compressor: Compressor | null): Promise<void> {
  const close = (compressor as ResourceCompressor | null)?.close
  if (typeof close === 'function') await (close as () => Promise<void>).call(compressor)
}

/** The default builder: the config's YAML and its store/dictionary, or (an external compressor) `createExternal`. */
export async function defaultCompressor(
  ref: ConfigRef,
  suite: Suite,
  createExternal: RunSuiteOptions['createExternalCompressor'],
): Promise<Compressor> {
  const config = await loadSuiteConfig(ref, suite)
  if (!isExternalConfig(config)) return createCompressorFromConfig(config)
  if (createExternal === undefined) {
    throw new AuraError(
      'E_EXTERNAL',
      `config ${ref.name} names an external compressor, and this run cannot start one`,
      { file: config.file },
      { hint: 'run it with `aura-bench run`, or pass createExternalCompressor' },
    )
  }
  return createExternal(config)
}
