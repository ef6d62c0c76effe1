/** Shared by the cross-layer tests: the repository's shipped configs, loaded the way a user loads them. */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {
  createCompressorFromConfig,
  loadCompressorConfig,
  loadTemplateStore,
  renderTemplate,
  type CompressorConfig,
  type HybridCompressor,
  type Template,
  type TemplateStore,
} from '../src/index.ts'

/** The repository root (this file lives in test/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..')

/** Every config shipped in configs/*.yaml, by file name, sorted: adding a config adds it to every test. */
export const SHIPPED_CONFIG_FILES: readonly string[] = readdirSync(path.join(REPO_ROOT, 'configs'))
  .filter((name) => /\.ya?ml$/i.test(name))
  .sort()

/** A shipped config and its compressor. */
export interface ShippedCompressor {
  file: string
  config: CompressorConfig
  compressor: HybridCompressor
}

/** Loads one shipped config; `overrides` change the validated config (e.g. a small max_message_bytes). */
export async function loadShipped(file: string, overrides: Partial<CompressorConfig> = {}): Promise<ShippedCompressor> {
  const config = { ...(await loadCompressorConfig(path.join(REPO_ROOT, 'configs', file))), ...overrides }
  return { file, config, compressor: await createCompressorFromConfig(config) }
}

/** The template store of the week1 suite's configs (the seed's expanded store). */
export function loadWeek1Store(): Promise<TemplateStore> {
  return loadTemplateStore(path.join(REPO_ROOT, 'configs', 'templates', 'expanded.json'))
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** True when the bytes are valid UTF-8 (checked by a fatal TextDecoder, independently of the code under test). */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

const TEXT = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', ' ', '{0}', '\n', '\u00e9'),
)
const INTEGER = fc.oneof(
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.nat().map((n) => `0${n}`),
  fc.constantFrom('-0', '+1', '1e3'),
)
const DECIMAL = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.tuple(fc.integer(), fc.nat()).map(([a, b]) => `${a}.${b}`),
)
const TIMESTAMP = fc.oneof(
  fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true })
    .map((d) => d.toISOString().replace('.000Z', 'Z').replace('Z', '+02:00')),
)
const HEX = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: 40 })
const ANY_TYPED = fc.oneof(TEXT, INTEGER, DECIMAL, TIMESTAMP, fc.uuid(), fc.ipV4(), HEX)

/** A random value for a slot: mostly of its type (edge cases included), sometimes anything. */
function slotValue(slot: Template['slots'][number]): fc.Arbitrary<string> {
  switch (slot.type) {
    case 'integer':
      return fc.oneof(INTEGER, TEXT)
    case 'decimal':
      return fc.oneof(DECIMAL, TEXT)
    case 'timestamp':
      return fc.oneof(TIMESTAMP, TEXT)
    case 'uuid':
      return fc.oneof(fc.uuid(), TEXT)
    case 'ipv4':
      return fc.oneof(fc.ipV4(), TEXT)
    case 'hex':
      return fc.oneof(HEX, TEXT)
    case 'enum':
      return fc.oneof(fc.constantFrom(...slot.values), TEXT)
    default:
      return ANY_TYPED
  }
}

/** Messages rendered from a store's templates with random slot values (and sometimes a stray suffix). */
export function templateMessage(store: TemplateStore): fc.Arbitrary<string> {
  return fc
    .constantFrom(...store.templates)
    .chain((template) =>
      fc.tuple(fc.constant(template), fc.tuple(...template.slots.map(slotValue)), fc.oneof(fc.constant(''), TEXT)),
    )
    .map(([template, values, suffix]) => renderTemplate(template, values) + suffix)
}
