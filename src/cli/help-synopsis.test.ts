// The help and the docs' synopses say what the commands take: top-level --help said cost "needs
// --suite or --results" though --replay works too, and the compare and replay synopses in
// docs/compare.md and docs/stateful.md left out --wait and --quiet.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { COMPARE_FLAGS, REPLAY_FLAGS } from './command-flags.ts'
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

  it('.gitignore ignores the tarball npm pack leaves', () => {
    expect(readFileSync(`${repo}/.gitignore`, 'utf8').split('\n')).toContain('*.tgz')
  })
})
