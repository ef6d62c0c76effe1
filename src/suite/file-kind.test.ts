import { describe, expect, it } from 'vitest'
import { describeForeignFile } from './file-kind.ts'

describe('describeForeignFile', () => {
  it('calls a JSON file cut short nothing (its syntax error says more), not a log (review s29)', () => {
    const cut = `{\n  "schemaVersion": 1,\n  "suite": "s",\n  "runs": [\n    {\n      "corpus": "a",`
    expect(describeForeignFile(cut, 'results.json')).toBeUndefined()
    expect(describeForeignFile(cut, 'results.txt.bak')).toBeUndefined()
  })

  it('still calls lines of text a log', () => {
    const log = Array.from({ length: 5 }, (_, i) => `2026-12-06 INFO request ${i} done`).join('\n')
    expect(describeForeignFile(log, 'app.log')?.kind).toBe('text')
    const bracketed = Array.from({ length: 5 }, (_, i) => `[Sun Dec 04 04:47:4${i} 2005] [notice] child ${i} ok`).join(
      '\n',
    )
    expect(describeForeignFile(bracketed, 'Apache_2k.log')?.kind).toBe('text')
    expect(describeForeignFile(bracketed, 'apache-lines')?.kind).toBe('text')
  })

  // s30's self-check: `history suite.yaml` listed a JSON syntax error per line
  it('where YAML is not read (a history), calls a suite or a config what it is; elsewhere leaves YAML to its own errors', () => {
    const suite = 'name: s\ncorpora: [app.log]\nconfigs: [c.yaml]\n'
    const config = 'name: c\nfallback: brotli\n'
    expect(describeForeignFile(suite, 's.yaml')).toBeUndefined()
    expect(describeForeignFile(suite, 's.yaml', { readsYaml: false })?.what).toBe('a suite (YAML)')
    expect(describeForeignFile(suite, 'history.jsonl', { readsYaml: false })?.what).toBe('a suite (YAML)')
    expect(describeForeignFile(config, 'c.yml', { readsYaml: false })?.what).toBe('a YAML file (a compressor config?)')
    // a log whose lines read `word: ...` is still a log, and JSON lines are still JSON lines
    const log = Array.from({ length: 5 }, (_, i) => `INFO: request ${i} done`).join('\n')
    expect(describeForeignFile(log, 'app.log', { readsYaml: false })?.kind).toBe('text')
    expect(describeForeignFile('{"a":1}\n{"a":2}\n', 'x.jsonl', { readsYaml: false })?.kind).toBe('jsonl')
  })

  // s31's new-user trial: `history notes.md --add ...` called a Markdown file "a YAML file (a compressor config?)"
  it('calls a .md file a Markdown document, wherever it is given', () => {
    const notes = '# my team notes - important\n'
    expect(describeForeignFile(notes, 'notes.md', { readsYaml: false })?.what).toBe('a Markdown document (1 line)')
    expect(describeForeignFile(`${notes}\nsome text\n- a list: item\n`, 'README.markdown')?.what).toBe(
      'a Markdown document (3 lines)',
    )
    // a results.json saved as .md is still said as a results.json
    const results = JSON.stringify({ schemaVersion: 1, suite: 's', runs: [], gate: { status: 'pass', reasons: [] } })
    expect(describeForeignFile(results, 'r.md')?.kind).not.toBe('markdown')
  })
})

describe('describeForeignFile: a history and a recordings.tsv (round 32)', () => {
  it('calls a history a run history, not a JSONL corpus', () => {
    const line = (i: number) =>
      JSON.stringify({ schemaVersion: 1, suite: 's', startedAt: `2026-12-0${i}T00:00:00Z`, verdict: 'pass', runs: [] })
    const found = describeForeignFile(`${line(1)}\n${line(2)}\n${line(3)}\n`, 'hist.jsonl')
    expect(found?.kind).toBe('history')
    expect(found?.what).toBe('a run history (3 runs, written by `aura-bench history --add`)')
  })

  it("calls a corpus's recordings.tsv what it is, not a log", () => {
    const found = describeForeignFile(
      'first_line\tn_messages\tpath\n1\t99\tconn-0\n100\t201\tconn-1\n',
      'data/recordings.tsv',
    )
    expect(found?.kind).toBe('recordings')
    expect(found?.what).toBe("a corpus's recordings.tsv (2 connections: first_line, n_messages, path)")
  })
})
