import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { loadTemplateStore, parseTemplateStore, toTemplateStoreJson } from './index.ts'

const STORES = join(import.meta.dirname, '../../configs/templates')

function issuesOf(json: unknown): { field: string | undefined; message: string }[] {
  try {
    parseTemplateStore(json, 'bad.json')
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError)
    const aura = error as AuraError
    expect(aura.code).toBe('E_TEMPLATE_STORE')
    for (const issue of aura.issues) expect(issue.file).toBe('bad.json')
    return aura.issues.map((issue) => ({ field: issue.field, message: issue.message }))
  }
  throw new Error('expected the store to be rejected')
}

async function loadError(path: string): Promise<AuraError> {
  const error = await loadTemplateStore(path).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AuraError)
  return error as AuraError
}

describe('parseTemplateStore', () => {
  it('says an object that is no store is empty, or names its first keys', () => {
    const messageOf = (json: unknown): string => {
      try {
        parseTemplateStore(json, 'other.json')
      } catch (error) {
        expect(error).toBeInstanceOf(AuraError)
        return (error as AuraError).message
      }
      throw new Error('expected the object to be rejected')
    }
    expect(messageOf({})).toMatch(/no "templates" \(it is an empty object\)$/)
    expect(messageOf({ name: 'x', version: '1' })).toMatch(/\(its keys: name, version\)$/)
  })

  it('gathers every problem of a bad store at once, each with its field', () => {
    const issues = issuesOf({
      format: 'aura-template-store',
      version: 1,
      name: 'bad',
      sorce: 'typo',
      templates: [
        { id: 1, pattern: 'Hello {0}' },
        { id: 1, pattern: 'Bye {0}' },
        { id: 2, pattern: 'Hello {0}' },
        { id: 3, pattern: 'A {0}{1} B' },
        { id: 4, pattern: 'A {0} B {2}' },
        { id: 5, pattern: 'X {0} Y {1}', slots: [{ type: 'integer' }] },
        { id: 6, pattern: 'X {0}', slots: [{ type: 'interger' }] },
        { id: -1, pattern: 'neg {0}' },
        { id: 1.5, pattern: 'half {0}' },
        { id: 2_000_000, pattern: 'big {0}' },
        { id: 7, pattern: 'mode {0}', slots: [{ type: 'enum', values: [] }] },
        { id: 8, pattern: '{0}' },
        { id: 9, pattern: 'twice {0} {0}' },
        { id: 10, pattern: '' },
        { id: 11, pattern: 'ok {0}', slots: [{ type: 'string', values: ['a'] }] },
        { id: 12, pattern: 'dup {0}', slots: [{ type: 'enum', values: ['a', 'a'] }] },
        'not a template',
      ],
    })
    const fields = issues.map((issue) => issue.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'sorce',
        'templates[1].id',
        'templates[2].pattern',
        'templates[3].pattern',
        'templates[4].pattern',
        'templates[5].slots',
        'templates[6].slots[0].type',
        'templates[7].id',
        'templates[8].id',
        'templates[9].id',
        'templates[10].slots[0].values',
        'templates[11].pattern',
        'templates[12].pattern',
        'templates[13].pattern',
        'templates[14].slots[0].values',
        'templates[15].slots[0].values[1]',
        'templates[16]',
      ]),
    )
    const message = (field: string) =>
      issues
        .filter((issue) => issue.field === field)
        .map((issue) => issue.message)
        .join(' | ')
    expect(message('sorce')).toContain('did you mean "source"')
    expect(message('templates[6].slots[0].type')).toContain('did you mean "integer"')
    expect(message('templates[1].id')).toContain('already used by templates[0]')
    expect(message('templates[2].pattern')).toContain('identical to templates[0].pattern')
    expect(message('templates[3].pattern')).toContain('adjacent')
    expect(message('templates[4].pattern')).toMatch(/missing \{1\}, unexpected \{2\}/)
    expect(message('templates[5].slots')).toContain('2 placeholders but "slots" lists 1')
    expect(message('templates[11].pattern')).toContain('no literal text')
    expect(message('templates[12].pattern')).toContain('more than once')
  })

  it('refuses an enum value with a lone surrogate (its UTF-8 would be U+FFFD and its edits misplaced)', () => {
    const issues = issuesOf({
      format: 'aura-template-store',
      version: 1,
      name: 'f',
      templates: [
        {
          id: 1,
          pattern: 'x {0} y',
          slots: [{ type: 'enum', values: ['a\ud800bcdefgh', 'q'], other: 'string', similar: true }],
        },
      ],
    })
    expect(issues).toEqual([
      { field: 'templates[0].slots[0].values[0]', message: expect.stringContaining('lone UTF-16 surrogate') },
    ])
  })

  it('checks the header fields', () => {
    const fields = issuesOf({ format: 'other', version: 2, templates: [] }).map((issue) => issue.field)
    expect(fields).toEqual(['format', 'version', 'name', 'templates'])
    expect(issuesOf([1, 2])[0]?.field).toBe('')
  })

  it('fingerprints the content that encoding depends on, not its formatting or notes', () => {
    const json = {
      format: 'aura-template-store',
      version: 1,
      name: 'a',
      templates: [
        { id: 2, pattern: 'B {0}' },
        { id: 1, pattern: 'A {0}', slots: [{ type: 'auto' }] },
      ],
    }
    const a = parseTemplateStore(json, 'a.json')
    const b = parseTemplateStore(
      {
        ...json,
        source: 'notes',
        templates: [
          { id: 1, pattern: 'A {0}', category: 'x' },
          { id: 2, pattern: 'B {0}' },
        ],
      },
      'b.json',
    )
    const c = parseTemplateStore(
      {
        ...json,
        templates: [
          { id: 1, pattern: 'A {0}', slots: [{ type: 'integer' }] },
          { id: 2, pattern: 'B {0}' },
        ],
      },
      'c.json',
    )
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(c.fingerprint).not.toBe(a.fingerprint)
    expect(a.templates.map((t) => t.id)).toEqual([1, 2])
    expect(b.sizeBytes).toBe(a.sizeBytes)
    expect(parseTemplateStore(toTemplateStoreJson(b), 'again.json').fingerprint).toBe(a.fingerprint)
  })
})

describe('shipped stores', () => {
  it('base and expanded load; expanded is base plus the seed templates 149-170', async () => {
    const base = await loadTemplateStore(join(STORES, 'base.json'))
    const expanded = await loadTemplateStore(join(STORES, 'expanded.json'))
    expect(base.templates.length).toBeGreaterThanOrEqual(15)
    expect(base.templates.every((t) => t.id < 149)).toBe(true)
    for (const t of base.templates) expect(expanded.byId.get(t.id)).toEqual(t)
    const added = expanded.templates.filter((t) => !base.byId.has(t.id))
    expect(added.map((t) => t.id)).toEqual([
      149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 164, 165, 166, 167, 168, 169, 170,
    ])
    expect(expanded.byId.get(149)?.pattern).toBe('Request {0} completed in {1}ms')
    expect(expanded.byId.get(160)?.pattern).toBe('Processing request...')
    expect(expanded.byId.get(166)?.pattern).toBe('Invalid input: {0}')
    expect(expanded.byId.get(170)?.pattern).toBe('Request {0} completed in {1}')
    expect(expanded.sizeBytes).toBeGreaterThan(base.sizeBytes)
  })
})

describe('loadTemplateStore errors', () => {
  const folder = mkdtempSync(join(tmpdir(), 'aura-templates-'))

  it('names a missing file, a folder and a JSON syntax error with its line', async () => {
    expect((await loadError(join(folder, 'none.json'))).code).toBe('E_FILE_MISSING')
    expect((await loadError(folder)).code).toBe('E_FILE_IS_DIRECTORY')
    const broken = join(folder, 'broken.json')
    writeFileSync(broken, '{\n  "format": "aura-template-store",\n  "version": 1,\n}\n')
    const error = await loadError(broken)
    expect(error.code).toBe('E_JSON_SYNTAX')
    expect(error.location).toEqual({ file: broken, line: 4 })
  })

  it('reports validation issues with the file path', async () => {
    const invalid = join(folder, 'invalid.json')
    writeFileSync(
      invalid,
      JSON.stringify({
        format: 'aura-template-store',
        version: 1,
        name: 'x',
        templates: [{ id: 1, pattern: 'A {1}' }],
      }),
    )
    const error = await loadError(invalid)
    expect(error.code).toBe('E_TEMPLATE_STORE')
    expect(error.issues).toEqual([expect.objectContaining({ file: invalid, field: 'templates[0].pattern' })])
  })
})

describe('a store with control bytes (s35-trial D10)', () => {
  it('is E_JSON_SYNTAX with the line, the control bytes escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-nul-store-'))
    try {
      const file = join(dir, 'nul.json')
      const lines = [
        '{',
        '  "format": "aura-template-store",',
        '  "version": 1,',
        '  "templates": [',
        '    {"id":\u0000\u0000\u0000}',
        '  ]',
        '}',
      ]
      writeFileSync(file, lines.join('\n'))
      const error = await loadTemplateStore(file).then(
        () => undefined,
        (caught: unknown) => caught as Error & { code: string; location?: { line?: number } },
      )
      expect(error?.code).toBe('E_JSON_SYNTAX')
      expect(error?.location?.line).toBe(5)
      expect(error?.message).not.toContain('\u0000')
      expect(error?.message).toContain('\\u0000')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
