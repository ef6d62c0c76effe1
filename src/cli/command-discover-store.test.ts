import { describe, expect, it } from 'vitest'
import { discoverTemplates, toTemplateStoreJson } from '../templates/index.ts'
import { storeFileText } from './command-discover-store.ts'

describe('the store file discover writes', () => {
  const messages = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0 ? JSON.stringify({ seq: i, note: 'has "templates": [] inside' }) : `job ${i} finished in ${i * 3} ms`,
  )
  const { store } = discoverTemplates(messages, { corpus: 'a "templates": [] corpus' })

  it('is the store JSON, indented, one line per template', () => {
    const text = storeFileText(store)
    expect(JSON.parse(text)).toEqual(toTemplateStoreJson(store))
    const lines = text.split('\n')
    expect(lines.filter((line) => line.startsWith('    {"id":'))).toHaveLength(store.templates.length)
    // the JSON residue model (round 35: these JSON messages give one) on one line after the templates
    expect(store.jsonResidue).toBeDefined()
    expect(text).toMatch(/\n {2}\],\n {2}"jsonResidue": \{"keys":\["seq","note"\],[^\n]*\}\n\}\n$/)
    expect(text.length).toBeLessThan(JSON.stringify(toTemplateStoreJson(store), null, 2).length)
  })

  it('ends with the templates when the store has no JSON residue model (log lines only)', () => {
    const logs = discoverTemplates(messages.filter((m) => m.startsWith('job'))).store
    expect(logs.jsonResidue).toBeUndefined()
    expect(storeFileText(logs).endsWith('\n  ]\n}\n')).toBe(true)
    expect(JSON.parse(storeFileText(logs))).not.toHaveProperty('jsonResidue')
  })

  it("writes a template whose pattern holds $' or $& as it is (the placeholder's replacement is not a replacement pattern)", () => {
    const odd = discoverTemplates(['x']).store
    const withDollars = {
      ...odd,
      templates: [{ ...(odd.templates[0] ?? { id: 1, slots: [] }), id: 1, pattern: "cost $' and $& {0}" }],
    }
    const text = storeFileText(withDollars as typeof odd)
    expect(JSON.parse(text).templates[0].pattern).toBe("cost $' and $& {0}")
  })
})
