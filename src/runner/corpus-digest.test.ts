import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from '../suite/index.ts'
import { runSuite } from './run-suite.ts'

const { write } = createTempTree('aura-digest-')
const lines = Array.from(
  { length: 60 },
  (_, i) => `2024-05-01 10:00:${String(i % 60).padStart(2, '0')} INFO served ${i}`,
)
const corpus = write('corpora/app.log', `${lines.join('\n')}\n`)
write('configs/deflate.yaml', 'fallback: deflate\nmin_compression_size: 0\nframing: text-passthrough\n')

function suiteFile(name: string, limit: string): string {
  return write(
    `suites/${name}.yaml`,
    `name: ${name}\ncorpora:\n  - { name: app, path: ../corpora/app.log, format: txt${limit} }\nconfigs: [../configs/deflate.yaml]\nlatency: { enabled: false }\n`,
  )
}

describe("results.json's inputs record each corpus file's sha256 (round 32: the corpus by content)", () => {
  const expected = createHash('sha256').update(readFileSync(corpus)).digest('hex')

  it('the whole file, read to its end', async () => {
    const { results } = await runSuite(await loadSuite(suiteFile('whole', '')))
    expect(results.inputs?.corpora[0]?.sha256).toBe(expected)
  })

  it('the whole file too when a limit stopped the passes early (one more read, checked against the first)', async () => {
    const { results } = await runSuite(await loadSuite(suiteFile('limited', ', limit: 5')))
    expect(results.runs[0]?.metrics.messages).toBe(5)
    expect(results.inputs?.corpora[0]?.sha256).toBe(expected)
  })
})
