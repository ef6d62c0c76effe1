// A store's size must not change what the hybrid writes: a 1,000-template store (20 real templates
// plus 980 that share their text but cannot match these messages) gives the same frames, through
// createHybridCompressor, as the 20 templates alone. Speed is measured in bench/store-scale.ts.
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT, readWeek1Texts } from './harness/corpus-fixtures.ts'
import {
  createHybridCompressor,
  createMatcher,
  loadCompressorConfig,
  loadTemplateStore,
  parseTemplateStore,
  renderTemplate,
  type HybridCompressor,
  type Template,
  type TemplateStore,
} from '../src/index.ts'

/** Text in every decoy and in no test message: decoys share the real templates' words, never a whole match. */
const MARK = 'zqx'

function storeOf(
  name: string,
  templates: readonly { id: number; pattern: string; slots?: Template['slots'] }[],
): TemplateStore {
  const json = templates.map(({ id, pattern, slots }) =>
    slots === undefined ? { id, pattern } : { id, pattern, slots },
  )
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name, templates: json }, `${name}.json`)
}

/**
 * 980 decoys: one-word variants of the real patterns, patterns with placeholders at one or both ends
 * (suffix and word indexes), the real patterns with the mark glued between two placeholders, and the
 * real patterns' first and last literal (or less) around one slot that takes only the mark (an enum): no literal word tells those from
 * the real template, so the index hands them to the matcher (in a store of thousands it also checks a
 * candidate's literals are in the message in order: only the last kind passes that).
 */
function decoys(real: readonly Template[]): { id: number; pattern: string; slots?: Template['slots'] }[] {
  const out: { id: number; pattern: string; slots?: Template['slots'] }[] = []
  for (let k = 0; out.length < 980; k++) {
    const template = real[k % real.length] as Template
    const words = template.pattern
      .replace(/\{\d+\}/g, ' ')
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]{3,}$/.test(w))
    const word = words[k % Math.max(1, words.length)] ?? 'Request'
    const glued =
      template.slots.length > 0
        ? template.pattern.replace(/\{\d+\}/, (slot) => `${slot}${MARK}${k}{${template.slots.length}}`)
        : `${word} ${MARK}${k}: {0}`
    const variants = [
      template.pattern.replace(word, `${word}${MARK}${k}`),
      `{0} ${word} ${MARK}${k} {1}`,
      `{0} ${word} ${MARK}${k}`,
      `${word} ${MARK}${k}: {0}`,
      glued,
    ]
    // the real pattern's text before its first placeholder and after its last (less a few characters), around one
    // slot that takes only the mark
    const [head, tail] = [template.pattern.split(/\{\d+\}/)[0] ?? '', template.pattern.split(/\{\d+\}/).pop() ?? '']
    const cut = Math.floor(k / 6) % 4
    const pattern = `${head.slice(0, Math.max(0, head.length - (cut & 1)))}{0}${tail.slice(cut >> 1)}`
    const taken = (p: string): boolean => real.some((t) => t.pattern === p) || out.some((decoy) => decoy.pattern === p)
    if (k % 6 === 5 && template.slots.length > 0 && !taken(pattern)) {
      out.push({ id: 1000 + out.length, pattern, slots: [{ type: 'enum', values: [`${MARK}${k}`] }] })
      continue
    }
    out.push({ id: 1000 + out.length, pattern: variants[k % variants.length] as string })
  }
  return out
}

const VALUE = fc.stringMatching(/^[a-yA-Y0-9_.:/-]{1,16}$/)

function valueFor(slot: Template['slots'][number]): fc.Arbitrary<string> {
  if (slot.type === 'enum') return fc.constantFrom(...slot.values)
  if (slot.type === 'integer') return fc.oneof(fc.nat().map(String), VALUE)
  if (slot.type === 'timestamp')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString())
  return VALUE
}

function renderedMessage(real: readonly Template[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...real)
    .chain((template) => fc.tuple(...template.slots.map(valueFor)).map((values) => renderTemplate(template, values)))
}

describe('template store size', () => {
  it('a 1,000-template store writes the same frames as its 20 real templates', async () => {
    const config = await loadCompressorConfig(path.join(PROJECT_ROOT, 'configs', 'emergency.yaml'))
    const expanded = await loadTemplateStore(path.join(PROJECT_ROOT, 'configs', 'templates', 'expanded.json'))
    const real = expanded.templates.filter((t) => t.id >= 149).slice(0, 20)
    const small = storeOf('small', real)
    const large = storeOf('large', [...real, ...decoys(real)])
    expect([small.templates.length, large.templates.length]).toEqual([20, 1000])
    const build = (store: TemplateStore): Promise<HybridCompressor> =>
      createHybridCompressor(config, { store, matcher: createMatcher(store), dictionary: null })
    const [smallCompressor, largeCompressor] = [await build(small), await build(large)]
    const [smallMatcher, largeMatcher] = [createMatcher(small), createMatcher(large)]

    const week1 = readWeek1Texts()
    const generated = fc.sample(renderedMessage(real), { seed: 42, numRuns: 150 })
    let templateFrames = 0
    let extraCandidates = 0
    for (const message of [...week1, ...generated]) {
      expect(message).not.toContain(MARK)
      const [a, b] = [await smallCompressor.compress(message), await largeCompressor.compress(message)]
      expect({ message, method: b.method, frame: Buffer.from(b.bytes).toString('hex') }).toEqual({
        message,
        method: a.method,
        frame: Buffer.from(a.bytes).toString('hex'),
      })
      if (a.method === 'binary_semantic') templateFrames += 1
      extraCandidates += largeMatcher.candidates(message).length - smallMatcher.candidates(message).length
    }
    // not vacuous: most messages take a template, and the large index did hand decoys to the matcher
    expect(templateFrames).toBeGreaterThan(100)
    expect(extraCandidates).toBeGreaterThan(50)
  })
})
