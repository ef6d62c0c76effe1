/**
 * Frames pinned from an earlier commit: every shipped config compresses the week1 messages and
 * seeded variants of them (other numbers, ids, words and lengths, so templates match with other
 * values and sometimes stop matching), and the digest of every frame and method must equal the one
 * recorded in test/fixtures/frames-golden.json. The speed work of 2026-11-27 rewrote the template
 * encoder, the literal index and the decode path; this checks their frames against the code before
 * it (b689a31, where the file was generated), not against themselves.
 * Regenerate only for a deliberate format change: `UPDATE_FRAMES_GOLDEN=1 npx vitest run test/frames-golden.test.ts`.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../src/core/index.ts'
import { loadCorpus } from '../src/index.ts'
import { loadShipped, REPO_ROOT, SHIPPED_CONFIG_FILES } from './support.ts'

const GOLDEN_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'frames-golden.json')
const VARIANTS_PER_MESSAGE = 15
const SEED = 2026

/** A variant of a message: digit runs, hex-like ids and words replaced, sometimes cut or extended. */
function variantOf(text: string, random: () => number): string {
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('')
  const word = (): string =>
    Array.from({ length: 1 + Math.floor(random() * 9) }, () =>
      String.fromCharCode(97 + Math.floor(random() * 26)),
    ).join('')
  let out = text.replace(/\d+/g, () => (random() < 0.2 ? word() : digits(1 + Math.floor(random() * 7))))
  out = out.replace(/[A-Za-z]{4,}/g, (w) => (random() < 0.1 ? word() : w))
  const roll = random()
  if (roll < 0.1) out = out.slice(0, Math.floor(random() * out.length))
  else if (roll < 0.2) out += ` ${word()} ${digits(3)}`
  else if (roll < 0.25) out = out.replace(/ /g, '  ')
  return out
}

async function messages(): Promise<string[]> {
  const corpus = await loadCorpus({
    path: path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl'),
    format: 'jsonl',
    textField: 'text',
  })
  const texts = corpus.map((m) => new TextDecoder().decode(m.bytes))
  const random = createRandom(SEED)
  return [
    ...texts,
    ...texts.flatMap((text) => Array.from({ length: VARIANTS_PER_MESSAGE }, () => variantOf(text, random))),
  ]
}

/** sha-256 over every message's method, frame length and frame bytes, in order. */
async function digestOf(
  file: string,
  texts: readonly string[],
): Promise<{ digest: string; methods: Record<string, number> }> {
  const { compressor } = await loadShipped(file)
  const hash = createHash('sha256')
  const methods: Record<string, number> = {}
  for (const text of texts) {
    const { bytes, method } = await compressor.compress(text)
    methods[method] = (methods[method] ?? 0) + 1
    hash.update(`${method}:${bytes.length}:`).update(bytes)
  }
  return { digest: hash.digest('hex'), methods }
}

describe('frames pinned from an earlier commit', () => {
  it('every shipped config writes the same frames and methods for the week1 messages and their variants', {
    timeout: 120_000,
  }, async () => {
    const texts = await messages()
    const actual: Record<string, { digest: string; methods: Record<string, number> }> = {}
    for (const file of SHIPPED_CONFIG_FILES) actual[path.basename(file)] = await digestOf(file, texts)
    if (process.env['UPDATE_FRAMES_GOLDEN'] === '1')
      writeFileSync(GOLDEN_FILE, `${JSON.stringify({ messages: texts.length, configs: actual }, null, 2)}\n`)
    const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as { messages: number; configs: typeof actual }
    expect(texts.length).toBe(golden.messages)
    expect(actual).toEqual(golden.configs)
  })
})
