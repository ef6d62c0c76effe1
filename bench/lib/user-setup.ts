/**
 * What a new user does with one Loghub-format system before measuring anything, done the same way:
 * the first half of the log's lines (an ordered split) is written to a file, `aura-bench discover`
 * (the CLI, in a child process) mines a store from it, and config files are written the way a user
 * would write them (fallback zstd_dict with a 64 KB raw-content dictionary built from that half,
 * level 3 and level 19). The compressors are loaded from those files with `loadCompressor`; the
 * second half of the lines is what gets measured.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createCodec } from '../../src/codecs/index.ts'
import type { Codec } from '../../src/core/index.ts'
import type { HybridCompressor } from '../../src/hybrid/index.ts'
import { loadCompressor, loadDictionary } from '../../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../../src/suite/index.ts'
import { loadTemplateStore, type TemplateStore } from '../../src/templates/index.ts'
import { PROJECT_ROOT } from './fixtures.ts'
import type { LoghubSystem } from './loghub-args.ts'

/** What a user's two config files load: the compressors, and the bare codec with the same dictionary. */
export interface UserContenders {
  /** the config files, by level */
  configPaths: { l3: string; l19: string }
  hybridL3: HybridCompressor
  hybridL19: HybridCompressor
  /** zstd-napi with the dictionary the configs load (byte for byte), at level 3 and 19 */
  zstdL3: Codec
  zstdL19: Codec
  dictionaryBytes: number
}

/** One system set up as a user would: discovered store, configs, compressors, and the bare codec with the same dictionary. */
export interface UserSetup extends UserContenders {
  system: LoghubSystem
  /** held-out lines (second half), UTF-8 */
  heldOut: Uint8Array[]
  trainLines: number
  store: TemplateStore
  discoverMs: number
}

const encoder = new TextEncoder()

/** The lines of a log file (a final newline ends the last line, it does not start an empty one). */
export function readLogLines(logPath: string): string[] {
  const text = readFileSync(logPath, 'utf8')
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

/** The config file a user writes for a system: fallback zstd_dict at `level`, dictionary from train.log, store.json beside it. */
export function configYaml(name: string, level: number): string {
  return [
    `name: ${name}`,
    'template_store_path: store.json',
    'fallback: zstd_dict',
    'zstd_dict_training_corpus: train.log',
    'zstd_dict_size_bytes: 65536',
    `zstd_dict_level: ${level}`,
    '',
  ].join('\n')
}

/** Sets one system up in `workDir/<system>` (see the file comment). */
export async function setUpAsUser(system: LoghubSystem, workDir: string): Promise<UserSetup> {
  const dir = path.join(workDir, system.name)
  mkdirSync(dir, { recursive: true })
  const lines = readLogLines(system.logPath)
  const half = lines.length >> 1
  const trainPath = path.join(dir, 'train.log')
  writeFileSync(trainPath, `${lines.slice(0, half).join('\n')}\n`)
  const storePath = path.join(dir, 'store.json')
  const t0 = performance.now()
  execFileSync(
    path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
    [path.join(PROJECT_ROOT, 'src/cli/main.ts'), 'discover', trainPath, '--out', storePath, '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const discoverMs = performance.now() - t0
  const configPaths = { l3: path.join(dir, 'hybrid-l3.yaml'), l19: path.join(dir, 'hybrid-l19.yaml') }
  writeFileSync(configPaths.l3, configYaml(`${system.name}-zstd-dict-l3`, 3))
  writeFileSync(configPaths.l19, configYaml(`${system.name}-zstd-dict-l19`, 19))
  const contenders = await loadUserContenders(configPaths)
  return {
    system,
    heldOut: lines.slice(half).map((line) => encoder.encode(line)),
    trainLines: half,
    store: await loadTemplateStore(storePath),
    ...contenders,
    discoverMs,
  }
}

/** Loads a user's L3 and L19 config files with `loadCompressor`, and zstd_dict at both levels with the dictionary they load. */
export async function loadUserContenders(configPaths: { l3: string; l19: string }): Promise<UserContenders> {
  const dictionary = await loadDictionary(await loadCompressorConfig(configPaths.l3))
  if (dictionary === null) throw new Error(`${configPaths.l3}: no dictionary`)
  return {
    configPaths,
    hybridL3: await loadCompressor(configPaths.l3),
    hybridL19: await loadCompressor(configPaths.l19),
    zstdL3: await createCodec({ name: 'zstd_dict', level: 3, dictionary }),
    zstdL19: await createCodec({ name: 'zstd_dict', level: 19, dictionary }),
    dictionaryBytes: dictionary.length,
  }
}

/** The L3 config of a system in its work folder (and the training half it names), written when missing. */
export function l3ConfigIn(system: LoghubSystem, work: string): string {
  const dir = path.join(work, system.name)
  const trainPath = path.join(dir, 'train.log')
  if (!existsSync(trainPath)) {
    const lines = readLogLines(system.logPath)
    writeFileSync(trainPath, `${lines.slice(0, lines.length >> 1).join('\n')}\n`)
  }
  const configPath = path.join(dir, 'hybrid-l3.yaml')
  writeFileSync(configPath, configYaml(`${system.name}-zstd-dict-l3`, 3))
  return configPath
}

/** The L3 config of a system in its work folder (`l3ConfigIn`) and the L19 one beside it, written. */
export function userConfigsIn(system: LoghubSystem, work: string): { l3: string; l19: string } {
  const l3 = l3ConfigIn(system, work)
  const l19 = path.join(work, system.name, 'hybrid-l19.yaml')
  writeFileSync(l19, configYaml(`${system.name}-zstd-dict-l19`, 19))
  return { l3, l19 }
}

/** The contenders of a system whose store `cachedDiscoveredStore` keeps in `work/<system>/`: its configs (`userConfigsIn`) loaded. */
export async function cachedUserContenders(system: LoghubSystem, work: string): Promise<UserContenders> {
  return loadUserContenders(userConfigsIn(system, work))
}

/** A discovered store (first half of the lines, as setUpAsUser) kept in `workDir/<system>/store.json` and reused when there; the held-out lines as UTF-8. */
export async function cachedDiscoveredStore(
  system: LoghubSystem,
  workDir: string,
): Promise<{ storePath: string; store: TemplateStore; heldOut: Uint8Array[] }> {
  const dir = path.join(workDir, system.name)
  mkdirSync(dir, { recursive: true })
  const lines = readLogLines(system.logPath)
  const half = lines.length >> 1
  const storePath = path.join(dir, 'store.json')
  if (!existsSync(storePath)) {
    const trainPath = path.join(dir, 'train.log')
    writeFileSync(trainPath, `${lines.slice(0, half).join('\n')}\n`)
    execFileSync(
      path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      [path.join(PROJECT_ROOT, 'src/cli/main.ts'), 'discover', trainPath, '--out', storePath, '--quiet'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
  }
  return {
    storePath,
    store: await loadTemplateStore(storePath),
    heldOut: lines.slice(half).map((line) => encoder.encode(line)),
  }
}
