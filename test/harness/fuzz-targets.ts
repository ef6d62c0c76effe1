/**
 * What a fuzz run decodes with and what it mutates: a compressor per shipped config (configs/*.yaml)
 * plus a text-passthrough variant (aura on), a zstd_dict variant with a small dictionary, a
 * `store_check: frame` variant and a handshake session with a peer whose store differs, each also
 * as a copy with a small max_message_bytes; and the valid frames those compressors write for a fixed
 * set of messages (the week1 corpus, every store template, bytes that are not UTF-8, long texts).
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import {
  createCompressorFromConfig,
  loadCompressorConfig,
  loadCorpus,
  loadTemplateStore,
  renderTemplate,
  type CompressorConfig,
  type HybridCompressor,
  type Method,
  type Template,
} from '../../src/index.ts'
import { createBombFrames, createCraftedFrames, type SpecialFrame } from './fuzz-frames.ts'

/** The repository root (this file lives in bench/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

/** max_message_bytes of the small-limit copy of every target: frames of longer messages must be refused. */
export const SMALL_MAX_MESSAGE_BYTES = 512

/** One compressor the fuzzer decodes with. */
export interface FuzzTarget {
  /** config name, `+small` for the small-limit copy */
  name: string
  compressor: HybridCompressor
  maxMessageBytes: number
  /** name of the full-size target whose frames this target must decode exactly */
  family: string
  /** store, dictionary and store_check: frames of a method that needs shared state decode right only where these match */
  sharedState: SharedState
  /** a handshake said the peer's store differs: every valid template frame must be refused */
  refusesTemplateFrames: boolean
}

/** The shared state a target's template and zstd_dict frames depend on. */
export interface SharedState {
  store: string | null
  dictionary: string | null
  storeCheck: 'none' | 'frame'
}

/** A frame a target wrote for a known message. */
export interface ValidFrame {
  family: string
  sharedState: SharedState
  method: Method
  message: Uint8Array
  frame: Uint8Array
}

/** Everything the case generator draws from. */
export interface FuzzSetup {
  targets: readonly FuzzTarget[]
  frames: readonly ValidFrame[]
  /** hand-made frames: lengths past the end, reserved tags, hostile aura headers */
  crafted: readonly SpecialFrame[]
  /** decompression bombs: 128 MiB of zeros (or of lines) inside a valid tag */
  bombs: readonly SpecialFrame[]
}

/** Names of the shipped configs, sorted. */
export function shippedConfigFiles(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'configs'))
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
}

/** Builds every target, the valid frames they write, and the crafted and bomb frames. */
export async function createFuzzSetup(): Promise<FuzzSetup> {
  const families = await createFamilies()
  const targets: FuzzTarget[] = []
  const frames: ValidFrame[] = []
  const messages = await sampleMessages(families)
  const peerWithBaseStore = await createCompressorFromConfig(
    await loadCompressorConfig(path.join(REPO_ROOT, 'configs', 'current.yaml')),
  )
  for (const { name, config, session } of families) {
    const build = async (limit: number): Promise<HybridCompressor> => {
      const compressor = await createCompressorFromConfig({ ...config, maxMessageBytes: limit })
      return session ? compressor.acceptHandshake(peerWithBaseStore.handshake()) : compressor
    }
    const compressor = await build(config.maxMessageBytes)
    const sharedState = {
      store: compressor.storeFingerprint,
      dictionary: compressor.dictionaryFingerprint,
      storeCheck: config.storeCheck ?? 'none',
    }
    const refusesTemplateFrames = compressor.peer.status === 'mismatch' && compressor.peer.differs.includes('store')
    const common = { family: name, sharedState, refusesTemplateFrames }
    targets.push({ name, compressor, maxMessageBytes: config.maxMessageBytes, ...common })
    targets.push({
      name: `${name}+small`,
      compressor: await build(SMALL_MAX_MESSAGE_BYTES),
      maxMessageBytes: SMALL_MAX_MESSAGE_BYTES,
      ...common,
    })
    for (const message of messages) {
      const result = await compressor.compress(message)
      frames.push({ family: name, sharedState, method: result.method, message, frame: result.bytes })
    }
  }
  return { targets, frames, crafted: createCraftedFrames(), bombs: createBombFrames() }
}

/** A config to build targets from; `session`: the target is a handshake session with a base-store peer. */
interface Family {
  name: string
  config: CompressorConfig
  session: boolean
}

async function createFamilies(): Promise<Family[]> {
  const families: Family[] = []
  for (const file of shippedConfigFiles()) {
    const config = await loadCompressorConfig(path.join(REPO_ROOT, 'configs', file))
    families.push({ name: config.name, config, session: false })
  }
  const current = await loadCompressorConfig(path.join(REPO_ROOT, 'configs', 'current.yaml'))
  families.push({
    name: 'current+text-passthrough',
    config: { ...current, name: 'current+text-passthrough', framing: 'text-passthrough' },
    session: false,
  })
  const emergency = await loadCompressorConfig(path.join(REPO_ROOT, 'configs', 'emergency.yaml'))
  const week1 = path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl')
  const variants: Array<[string, Partial<CompressorConfig>, boolean]> = [
    ['emergency+zstd_dict', { fallback: 'zstd_dict', zstdDictTrainingCorpus: week1, zstdDictSizeBytes: 1024 }, false],
    ['emergency+store_check', { storeCheck: 'frame' }, false],
    ['emergency@base-store-peer', {}, true],
  ]
  for (const [name, overrides, session] of variants)
    families.push({ name, config: { ...emergency, ...overrides, name }, session })
  return families
}

/** The messages every target compresses: real traffic, every template of every store, awkward bytes. */
async function sampleMessages(families: ReadonlyArray<{ config: CompressorConfig }>): Promise<Uint8Array[]> {
  const encoder = new TextEncoder()
  const week1 = await loadCorpus({ path: path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl') })
  const texts = new Set<string>()
  const storePaths = new Set(families.map(({ config }) => config.templateStorePath).filter((p) => p !== null))
  for (const storePath of storePaths) {
    for (const template of (await loadTemplateStore(storePath)).templates)
      texts.add(renderTemplate(template, sampleValues(template)))
  }
  const lines = Array.from(
    { length: 60 },
    (_, i) => `Service api-${i % 5} is healthy\nRequest r-${i} completed in ${i * 7}ms`,
  ).join('\n')
  const json = JSON.stringify({
    id: 'evt-1',
    items: Array.from({ length: 20 }, (_, i) => ({ i, name: `item-${i}`, price: i * 1.5 })),
  })
  return [
    ...week1.map((m) => m.bytes),
    ...[...texts].map((text) => encoder.encode(text)),
    // round 41: a store's line ending in \r is sent as 0xFB + the line's template frame (hybrid/cr-tail.ts)
    ...[...texts].slice(0, 40).map((text) => encoder.encode(`${text}\r`)),
    new Uint8Array(0),
    Uint8Array.of(0xff, 0xfe, 0x00, 0x41),
    Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff),
    encoder.encode(lines),
    encoder.encode(json),
    encoder.encode('x'.repeat(4000)),
    encoder.encode('caf\u00e9 \u{1f680} '.repeat(40)),
  ]
}

/** Values a template's slots accept, so the store's every template yields a binary_semantic frame. */
function sampleValues(template: Template): string[] {
  return template.slots.map((slot) => {
    switch (slot.type) {
      case 'integer':
        return '42'
      case 'decimal':
        return '3.25'
      case 'timestamp':
        return '2025-10-23T12:00:00Z'
      case 'uuid':
        return '123e4567-e89b-12d3-a456-426614174000'
      case 'ipv4':
        return '10.0.0.1'
      case 'hex':
        return 'deadbeef'
      case 'enum':
        return slot.values[0] ?? 'x'
      default:
        return 'abc'
    }
  })
}
