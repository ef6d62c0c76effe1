import { readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { refuseExternalConfigs } from './external-refusal.ts'
import { loadSuite } from './parse-suite.ts'
import { detectFileKind, validateFiles } from './validate-files.ts'
import { createTempTree } from '../core/test-temp-tree.ts'

const { root: dir, write } = createTempTree('aura-validate-')

const config = write('configs/good.yaml', 'name: good\nfallback: brotli\n')
const badConfig = write('configs/bad.yaml', 'fallback: brotly\nmin_compresion_size: 3\n')
write('corpora/m.txt', 'hello\n')
const store = write(
  'configs/store.json',
  JSON.stringify({
    format: 'aura-template-store',
    version: 1,
    name: 's',
    templates: [{ id: 100, pattern: 'Hello {0}', slots: [{ type: 'string' }] }],
  }),
)
const badStore = write('configs/bad-store.json', '{"format": "aura-template-store", "version": 1,')

/** Stands in for the templates layer's loader (the suite layer does not import it): JSON syntax only. */
async function templateStore(path: string): Promise<void> {
  try {
    JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new AuraError('E_JSON_SYNTAX', 'not JSON', { file: path })
  }
}

describe('validateFiles: suite entries that derive state', () => {
  it('accepts a zstd_dict config without a dictionary source when its suite entry trains one, as run does', async () => {
    write('configs/nodict.yaml', 'fallback: zstd_dict\n')
    const entry = (keys: string) =>
      `name: d\ncorpora: [{ name: m, path: ../corpora/m.txt, split: { train_fraction: 0.5, use: test } }]\nconfigs: [{ name: n, path: ../configs/nodict.yaml${keys} }]\n`
    const ok = write('suites/derived.yaml', entry(', zstd_dict_training: { split: train }'))
    expect((await validateFiles([ok]))[0]?.issues).toEqual([])
    // without the entry's dictionary the config is still refused, at its fallback key
    const plain = write('suites/plain.yaml', entry(''))
    expect((await validateFiles([plain]))[0]?.issues.map((i) => i.field)).toEqual(['fallback'])
    // the fix a standalone config is told names the suite's way too
    expect((await validateFiles([plain]))[0]?.issues[0]?.message).toContain('zstd_dict_training: { split: train }')
  })

  it('accepts such a config validated on its own, with a note that its dictionary must come from a suite (s37-trial D10)', async () => {
    const config = write('configs/nodict-alone.yaml', 'name: alone\nfallback: zstd_dict\n')
    const [alone] = await validateFiles([config])
    expect(alone?.issues).toEqual([])
    expect(alone?.notes).toEqual([
      expect.stringMatching(
        /^\S*nodict-alone\.yaml:2: fallback: fallback zstd_dict has no dictionary in this file .*`zstd_dict_training: \{ split: train \}`.*`run` refuses it anywhere else/,
      ),
    ])
    // another issue beside it: the file is invalid, and the missing dictionary is listed with it as before
    const typo = write('configs/nodict-typo.yaml', 'fallback: zstd_dict\nzstd_level: 3.5\n')
    expect((await validateFiles([typo]))[0]?.issues.map((i) => i.field)).toEqual(['fallback', 'zstd_level'])
  })

  it('a suite with another schema error reports that error alone, not a missing dictionary its entry trains (s30 D7)', async () => {
    write('configs/nodict.yaml', 'fallback: zstd_dict\n')
    const typo = write(
      'suites/typo.yaml',
      'name: d\ncorpora: [{ name: m, path: ../corpora/m.txt, split: { trian_fraction: 0.5, use: test } }]\n' +
        'configs: [{ name: n, path: ../configs/nodict.yaml, discover: { split: train }, zstd_dict_training: { split: train } }]\n',
    )
    const issues = (await validateFiles([typo]))[0]?.issues ?? []
    expect(issues.map((i) => i.message).join('\n')).toContain('trian_fraction')
    expect(issues.map((i) => i.message).join('\n')).not.toContain('needs a dictionary')
    // an entry that trains nothing still has its config's own error reported beside the suite's
    const plain = write(
      'suites/typo-plain.yaml',
      'name: d\ncorpora: [{ name: m, path: ../corpora/m.txt, split: { trian_fraction: 0.5, use: test } }]\n' +
        'configs: [{ name: n, path: ../configs/nodict.yaml }]\n',
    )
    expect((await validateFiles([plain]))[0]?.issues.map((i) => i.message).join('\n')).toContain('needs a dictionary')
  })

  it('a suite with another schema error finds from_corpus by the name the parser gives (the file base name)', async () => {
    write('configs/nodict.yaml', 'fallback: zstd_dict\n')
    write('corpora/b.log', 'hello\n')
    const suite = (from: string) =>
      write(
        `suites/from-${from}.yaml`,
        'name: d\nbogus_key: 1\ncorpora:\n  - path: ../corpora/m.txt\n  - path: ../corpora/b.log\n' +
          `configs: [{ name: n, path: ../configs/nodict.yaml, zstd_dict_training: { from_corpus: ${from}, split: all } }]\n`,
      )
    const messages = async (file: string) =>
      ((await validateFiles([file]))[0]?.issues ?? []).map((i) => i.message).join('\n')
    const named = await messages(suite('b'))
    expect(named).toContain('bogus_key')
    expect(named).not.toContain('needs a dictionary')
    // a from_corpus naming no corpus is the suite's error alone, not also a dictionary the config lacks
    const unknown = await messages(suite('nope'))
    expect(unknown).toContain('bogus_key')
    expect(unknown).not.toContain('needs a dictionary')
  })
})

describe('detectFileKind', () => {
  it('tells suites from configs by top-level keys, and JSON is a template store', () => {
    expect(detectFileKind('x.yaml', 'corpora: [a.txt]\n')).toBe('suite')
    expect(detectFileKind('x.yml', 'fallback: zstd\n')).toBe('config')
    expect(detectFileKind('x.json', '{}')).toBe('template-store')
    expect(detectFileKind('x.csv', '')).toBe('unknown')
  })
})

describe('validateFiles', () => {
  it('a valid suite, config and store have no issues', async () => {
    const suite = write('suites/ok.yaml', 'corpora: [../corpora/m.txt]\nconfigs: [../configs/good.yaml]\n')
    const results = await validateFiles([suite, config, store], { templateStore })
    expect(results.map((r) => [r.kind, r.issues])).toEqual([
      ['suite', []],
      ['config', []],
      ['template-store', []],
    ])
  })

  it('gathers issues of a bad config, a bad store, a missing file and an unknown kind', async () => {
    const results = await validateFiles([badConfig, badStore, join(dir, 'missing.yaml'), write('notes.md', '# hi')], {
      templateStore,
    })
    expect(results[0]?.issues.map((i) => i.field).sort()).toEqual(['fallback', 'min_compresion_size'])
    expect(results[1]?.issues[0]?.code).toBe('E_JSON_SYNTAX')
    expect(results[2]?.issues[0]?.code).toBe('E_FILE_MISSING')
    expect(results[3]?.issues[0]?.code).toBe('E_USAGE')
  })

  it('a suite is checked with the configs it names and its required corpora', async () => {
    const suite = write(
      'suites/refs.yaml',
      'corpora:\n  - ../corpora/none.txt\n  - { path: ../corpora/optional.txt, required: false }\nconfigs: [../configs/bad.yaml, ../configs/absent.yaml]\n',
    )
    const issues = (await validateFiles([suite]))[0]?.issues ?? []
    expect(issues.map((i) => i.code).sort()).toEqual([
      'E_FILE_MISSING',
      'E_FILE_MISSING',
      'E_UNKNOWN_CODEC',
      'E_UNKNOWN_KEY',
    ])
    expect(issues.find((i) => i.field === 'corpora[0].path')).toMatchObject({ file: suite, line: 2 })
  })

  it("a config's template store goes through the given validator; without one a store is not checkable", async () => {
    const storeConfig = write('configs/with-store.yaml', 'template_store_path: bad-store.json\nfallback: brotli\n')
    // the config's key first (with its line), then the store's own issue
    expect((await validateFiles([storeConfig], { templateStore }))[0]?.issues).toMatchObject([
      { code: 'E_JSON_SYNTAX', field: 'template_store_path', line: 1 },
      { code: 'E_JSON_SYNTAX' },
    ])
    expect((await validateFiles([storeConfig]))[0]?.issues).toEqual([])
    expect((await validateFiles([store]))[0]?.issues.map((i) => i.code)).toEqual(['E_USAGE'])
  })

  it('a config naming a template store that does not exist is reported at that key with its line', async () => {
    const missing = write('configs/missing-store.yaml', 'fallback: brotli\ntemplate_store_path: nowhere.json\n')
    expect((await validateFiles([missing], { templateStore }))[0]?.issues).toMatchObject([
      { code: 'E_FILE_MISSING', field: 'template_store_path', line: 2 },
    ])
  })

  // trial round 38 (D10): `chats.jsonl` beside `chat.jsonl`, `.yml` beside `.yaml`
  it('a missing file whose folder holds a close name says which', async () => {
    write('corpora/chat.jsonl', '{"text": "hi"}\n')
    const suite = write('suites/typo.yaml', 'corpora: [../corpora/chats.jsonl]\nconfigs: [../configs/good.yml]\n')
    const issues = (await validateFiles([suite]))[0]?.issues ?? []
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['E_FILE_MISSING', 'configs[0].path'],
      ['E_FILE_MISSING', 'corpora[0].path'],
    ])
    expect(issues[0]?.message).toContain('did you mean `good.yaml`?')
    expect(issues[1]?.message).toContain('did you mean `chat.jsonl`?')
    // a dangling link: named as such, not offered as its own guess
    symlinkSync(join(dir, 'nowhere', 'gone.jsonl'), join(dir, 'corpora/linked.jsonl'))
    const linked = write('suites/linked.yaml', 'corpora: [../corpora/linked.jsonl]\nconfigs: [../configs/good.yaml]\n')
    const message = (await validateFiles([linked]))[0]?.issues[0]?.message
    expect(message).toContain('the name is listed in its folder, so it is most likely a broken symbolic link')
    expect(message).not.toContain('did you mean')
    // nothing close: no guess
    const far = write('suites/far.yaml', 'corpora: [../corpora/zzzzzzzz.txt]\nconfigs: [../configs/good.yaml]\n')
    expect((await validateFiles([far]))[0]?.issues[0]?.message).not.toContain('did you mean')
  })

  it('an invalid suite reports its own issues', async () => {
    const suite = write(
      'suites/bad.yaml',
      'corpora: [a.txt]\nconfigs: [c.yaml]\ntargets: [{ metric: ratoi, pass: 1 }]\n',
    )
    // its missing corpus and config are reported with the schema's issue, not in a second round
    expect((await validateFiles([suite]))[0]?.issues.map((i) => i.code)).toEqual([
      'E_FILE_MISSING',
      'E_FILE_MISSING',
      'E_UNKNOWN_METRIC',
    ])
  })
})

describe('loadSuite', () => {
  it('missing file and folder are AuraErrors naming the path', async () => {
    const missing = await loadSuite(join(dir, 'nope.yaml')).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(AuraError)
    expect((missing as AuraError).code).toBe('E_FILE_MISSING')
    expect(((await loadSuite(dir).catch((e: unknown) => e)) as AuraError).code).toBe('E_FILE_IS_DIRECTORY')
  })

  // s41-trial D2: the gate named the config a missing file would have named; its error said to fix a right gate
  it('marks a gate naming no config as following from a missing config file', async () => {
    const suite = write(
      'missing-config-suite.yaml',
      'name: m\ncorpora: [corpora/m.txt]\nconfigs:\n  - configs/nosuch.yaml\ngate: { configs: [brotli5] }\n',
    )
    const error = (await loadSuite(suite).catch((e: unknown) => e)) as AuraError
    expect(error.issues.map((issue) => issue.code)).toEqual(['E_FILE_MISSING', 'E_SCHEMA'])
    expect(error.issues[1]?.message).toBe(
      "config `brotli5` is not one of the suite's configs (configs: nosuch); this may follow from the missing config file (configs[0].path): a config is named by its file's `name:`, which could not be read",
    )
  })
})

describe('a suite naming an external compressor', () => {
  const external = write('configs/ext.yaml', 'name: ext\nexternal_command: ["python3", "x.py"]\n')
  const suite = write('ext-suite.yaml', `name: e\ncorpora: [corpora/m.txt]\nconfigs:\n  - ${config}\n  - ${external}\n`)

  it('validates, with a note naming the commands that refuse it', async () => {
    const [result] = await validateFiles([suite])
    expect(result?.issues).toEqual([])
    expect(result?.notes?.join('\n')).toMatch(
      /config ext is an external compressor \(external_command\): `run` measures this suite, `compare` and `replay` refuse it \(E_EXTERNAL at configs\[1\]/,
    )
  })

  it('is refused by compare and replay naming the suite, the configs entry and the key, with a hint for a user', async () => {
    const error = await refuseExternalConfigs(await loadSuite(suite), 'compare').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    const issue = (error as AuraError).issues[0]
    expect(issue).toMatchObject({ code: 'E_EXTERNAL', file: suite, field: 'configs[1]' })
    expect(issue?.message).toContain('`external_command`')
    expect((error as AuraError).hint).toContain('aura-bench run')
    expect((error as AuraError).hint).not.toContain('createExternalCompressor')
  })
})

describe('a suite with schema errors and missing files', () => {
  const suite = write(
    'rounds.yaml',
    'name: r\ncorpora:\n  - { path: corpora/none.txt }\n  - { path: corpora/m.txt, formt: lines }\nconfigs:\n  - configs/none.yaml\n',
  )

  it('validate reports the missing files with the schema errors, in one round', async () => {
    const [result] = await validateFiles([suite])
    expect(result?.issues.map((i) => [i.code, i.field])).toEqual([
      ['E_FILE_MISSING', 'corpora[0].path'],
      ['E_UNKNOWN_KEY', 'corpora[1].formt'],
      ['E_FILE_MISSING', 'configs[0].path'],
    ])
  })

  it('loadSuite (compare, run, replay) reports a missing config file with the schema errors', async () => {
    const error = await loadSuite(suite).catch((e: unknown) => e)
    expect((error as AuraError).issues.map((i) => [i.code, i.field])).toEqual([
      ['E_UNKNOWN_KEY', 'corpora[1].formt'],
      ['E_FILE_MISSING', 'configs[0].path'],
    ])
  })
})

describe('a suite with a schema error and an invalid config', () => {
  it("reports the config's problems with the suite's, in one round", async () => {
    const suite = write('rounds2.yaml', `name: r2\ncorpora: [corpora/m.txt]\nconfigs: [${badConfig}]\nlatncy: {}\n`)
    const fields = (await validateFiles([suite]))[0]?.issues.map(
      (i) => `${i.file === suite ? 'suite' : 'config'}:${i.field}`,
    )
    expect(fields).toContain('suite:latncy')
    expect(fields).toContain('config:fallback')
  })
})

describe("aura-bench's own outputs", () => {
  it('are said to be what they are, not reported as broken template stores; a results.json is held to its contract', async () => {
    const comparison = write('out/comparison.json', JSON.stringify({ schemaVersion: 1, kind: 'compare', corpora: [] }))
    const cost = write('out/cost.json', JSON.stringify({ schemaVersion: 1, source: 'x', projections: [] }))
    const replay = write('out/replay.json', JSON.stringify({ suite: 's', limits: {}, corpora: [], memory: [] }))
    const results = write('out/results.json', JSON.stringify({ schemaVersion: 1, suite: 's', runs: [] }))
    const checked = await validateFiles([comparison, cost, replay, results], { templateStore })
    expect(checked.map((c) => c.label)).toEqual([
      'output: comparison.json',
      'output: cost.json',
      'output: replay.json',
      'output: results.json',
    ])
    expect(checked[0]?.issues).toEqual([])
    expect(checked[0]?.notes?.[0]).toContain('this is comparison.json, written by `aura-bench compare`')
    // the results.json lacks its environment: a contract issue naming the field
    expect(checked[3]?.issues.map((i) => i.field)).toContain('environment')
  })

  it('never takes a template store for one of them, whatever stray key it carries', async () => {
    const store = write(
      'stores/stray-kind.json',
      JSON.stringify({ format: 'aura-template-store', version: 1, name: 'x', kind: 'cost', templates: [] }),
    )
    const loaded: string[] = []
    const [checked] = await validateFiles([store], {
      templateStore: async (file: string) => {
        loaded.push(file)
      },
    })
    // checked as a template store (the loader is asked), not labelled an output
    expect(loaded).toEqual([store])
    expect(checked?.label ?? '').not.toMatch(/^output:/)
  })
})

describe('an empty zstd dictionary file', () => {
  it('is refused at the config and the field, not taken as "no dictionary"', async () => {
    write('configs/empty.dict', '')
    const cfg = write('configs/empty-dict.yaml', 'name: ed\nfallback: zstd_dict\nzstd_dict_path: empty.dict\n')
    const [result] = await validateFiles([cfg])
    expect(result?.issues).toEqual([
      expect.objectContaining({ code: 'E_SCHEMA', file: cfg, field: 'zstd_dict_path', line: 3 }),
    ])
    expect(result?.issues[0]?.message).toContain('is empty (0 bytes)')
  })
})

// s30's self-check: these were the only config issues of validate without a line
describe('an external compressor that cannot start', () => {
  it('is named at its key and line, as the config’s other issues are', async () => {
    const command = write(
      'configs/nocmd.yaml',
      'name: n\nexternal_timeout_ms: 100\nexternal_command:\n  - ./no-such-program\n',
    )
    const module = write('configs/nomod.yaml', 'name: m\n\nexternal_module: no-such.mjs\n')
    const [a, b] = await validateFiles([command, module], { searchPath: '' })
    expect(a?.issues.map(({ line, field }) => [line, field])).toEqual([[4, 'external_command[0]']])
    expect(b?.issues.map(({ line, field }) => [line, field])).toEqual([[3, 'external_module']])
  })
})
