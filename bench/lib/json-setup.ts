/**
 * What a new user does with one JSONL corpus of JSON messages before measuring anything (the JSON
 * counterpart of user-setup.ts): the first half of the messages (an ordered split) is written to
 * train.jsonl, `aura-bench discover` (the CLI, in a child process) mines a store from it, and the
 * config file a user writes is written beside it (fallback zstd_dict, 64 KB dictionary from that half,
 * level 3, every other key at its default). The compressor is loaded from that file with
 * `loadCompressor`; the second half of the messages is what gets measured.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createCodec } from '../../src/codecs/index.ts'
import type { Codec } from '../../src/core/index.ts'
import { loadCorpus } from '../../src/corpus/index.ts'
import type { HybridCompressor } from '../../src/hybrid/index.ts'
import { loadCompressor, loadDictionary } from '../../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../../src/suite/index.ts'
import { loadTemplateStore, type TemplateStore } from '../../src/templates/index.ts'
import { PROJECT_ROOT } from './fixtures.ts'

/** One JSONL corpus set up as a user would. */
export interface JsonSetup {
  /** the corpus's name in tables: its folder's name (messages.jsonl) or its file's base name */
  name: string
  file: string
  configPath: string
  hybrid: HybridCompressor
  /** zstd-napi's zstd_dict L3 with the dictionary the config loads (byte for byte) */
  zstd: Codec
  store: TemplateStore
  trainMessages: number
  heldOut: Uint8Array[]
  discoverMs: number
}

/** A JSONL file's name in tables: `api-github` for .../api-github/messages.jsonl, else the file's base name. */
export function jsonCorpusName(file: string): string {
  const base = path.basename(file).replace(/\.jsonl$/, '')
  return base === 'messages' ? path.basename(path.dirname(file)) : base
}

/** The config a user writes for a JSON corpus: fallback zstd_dict level 3, dictionary from train.jsonl, store.json beside it. */
export function jsonConfigYaml(name: string): string {
  return [
    `name: ${name}`,
    'template_store_path: store.json',
    'fallback: zstd_dict',
    'zstd_dict_training_corpus: train.jsonl',
    'zstd_dict_training_format: jsonl',
    'zstd_dict_size_bytes: 65536',
    'zstd_dict_level: 3',
    '',
  ].join('\n')
}

/** Sets one JSONL corpus (messages in the `text` field) up in `workDir/<name>` (see the file comment). */
export async function setUpJsonAsUser(file: string, workDir: string): Promise<JsonSetup> {
  const name = jsonCorpusName(file)
  const dir = path.join(workDir, name)
  mkdirSync(dir, { recursive: true })
  const messages = await loadCorpus({ path: file, format: 'jsonl', keepText: true })
  const half = messages.length >> 1
  const trainPath = path.join(dir, 'train.jsonl')
  const textOf = (m: (typeof messages)[number]): string => m.text ?? new TextDecoder().decode(m.bytes)
  writeFileSync(
    trainPath,
    `${messages
      .slice(0, half)
      .map((m) => JSON.stringify({ text: textOf(m) }))
      .join('\n')}\n`,
  )
  const storePath = path.join(dir, 'store.json')
  const t0 = performance.now()
  execFileSync(
    path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
    [
      path.join(PROJECT_ROOT, 'src/cli/main.ts'),
      'discover',
      trainPath,
      '--format',
      'jsonl',
      '--out',
      storePath,
      '--quiet',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const discoverMs = performance.now() - t0
  const configPath = path.join(dir, 'hybrid-l3.yaml')
  writeFileSync(configPath, jsonConfigYaml(`${name}-zstd-dict-l3`))
  const dictionary = await loadDictionary(await loadCompressorConfig(configPath))
  if (dictionary === null) throw new Error(`${configPath}: no dictionary`)
  return {
    name,
    file,
    configPath,
    hybrid: await loadCompressor(configPath),
    zstd: await createCodec({ name: 'zstd_dict', level: 3, dictionary }),
    store: await loadTemplateStore(storePath),
    trainMessages: half,
    heldOut: messages.slice(half).map((m) => m.bytes),
    discoverMs,
  }
}
