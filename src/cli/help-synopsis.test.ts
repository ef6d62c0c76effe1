// The help and the docs' synopses say what the commands take: top-level --help said cost "needs
// --suite or --results" though --replay works too, and the compare and replay synopses in
// docs/compare.md and docs/stateful.md left out --wait and --quiet.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DISCOVERY_DEFAULTS } from '../templates/index.ts'
import { COMPARE_FLAGS, COST_FLAGS, DISCOVER_FLAGS, REPLAY_FLAGS } from './command-flags.ts'
import { COMMANDS } from './commands.ts'
import { renderUsage } from './program.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))

/** The code block right under `## \`aura-bench <command>\`` in a doc. */
function synopsis(doc: string, command: string): string {
  const text = readFileSync(`${repo}/${doc}`, 'utf8')
  const at = text.indexOf(`## \`aura-bench ${command}\``)
  expect(at).toBeGreaterThanOrEqual(0)
  return /```\n([^`]*)```/.exec(text.slice(at))?.[1] ?? ''
}

describe('help and synopses', () => {
  it('top-level help names every source cost takes', () => {
    expect(renderUsage()).toMatch(/cost .*needs --suite, --results or --replay/)
  })

  it.each([
    ['docs/compare.md', 'compare', COMPARE_FLAGS],
    ['docs/stateful.md', 'replay', REPLAY_FLAGS],
  ] as const)('%s: the %s synopsis lists every flag', (doc, command, flags) => {
    const text = synopsis(doc, command)
    for (const flag of Object.keys(flags)) expect(text).toContain(`--${flag}`)
  })

  // s44-small: a fresh look at every command's --help against README.md and docs/*.md
  const docs = [
    'README.md',
    ...['ci', 'compare', 'contracts', 'discovery', 'stateful', 'robustness', 'bad-inputs'].map((d) => `docs/${d}.md`),
  ]
    .map((doc) => readFileSync(`${repo}/${doc}`, 'utf8'))
    .join('\n')

  it('every flag a command accepts is documented in README.md or docs/', () => {
    const undocumented = COMMANDS.flatMap((c) => Object.keys(c.flags).map((flag) => `${c.name} --${flag}`)).filter(
      (entry) => !docs.includes(entry.split(' ')[1] as string),
    )
    expect(undocumented).toEqual([])
  })

  it('every flag an `aura-bench <command> ...` line of README.md or docs/ writes is one the command accepts', () => {
    const accepted = new Map(COMMANDS.map((c) => [c.name, new Set(['help', ...Object.keys(c.flags)])]))
    const wrong: string[] = []
    for (const [, name, rest] of docs.matchAll(/aura-bench ([a-z]+)\b([^`|\n]*)/g)) {
      const flags = accepted.get(name as string)
      if (flags === undefined) continue
      for (const [, flag] of (rest as string).matchAll(/(?:^|[\s[(])--([a-z][a-z0-9-]*)/g))
        if (!flags.has(flag as string)) wrong.push(`${name} --${flag}: ${rest?.trim()}`)
    }
    expect(wrong).toEqual([])
  })

  it("the defaults discover's and cost's help state are the code's", () => {
    expect(DISCOVER_FLAGS['max-templates'].description).toContain(`(default ${DISCOVERY_DEFAULTS.maxTemplates})`)
    expect(DISCOVER_FLAGS['min-support'].description).toContain(`(default ${DISCOVERY_DEFAULTS.minSupport})`)
    expect(DISCOVER_FLAGS['max-split-words'].description).toContain(`(default ${DISCOVERY_DEFAULTS.maxSplitWords})`)
    // since round 43 cost --results takes a comparison.json too (s43-trial D2); the help said results.json only
    expect(COST_FLAGS.results.description).toContain('comparison.json')
    expect(COST_FLAGS.out.description).toContain('default')
  })

  it('.gitignore ignores the tarball npm pack leaves', () => {
    expect(readFileSync(`${repo}/.gitignore`, 'utf8').split('\n')).toContain('*.tgz')
  })
})
