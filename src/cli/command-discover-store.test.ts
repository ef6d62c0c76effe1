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
    expect(text.endsWith('\n  ]\n}\n')).toBe(true)
    expect(text.length).toBeLessThan(JSON.stringify(toTemplateStoreJson(store), null, 2).length)
  })
})
