/**
 * Defects the sixth new-user trial of the CLI found (s32, 2026-12-06, a user installing from `npm
 * pack`), each through the CLI: problems of output flags and of a suite said one at a time, a suite
 * validate passed that run then refused at its corpus's first line.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { root, write, cli } = trialFolder('aura-trial32-')

write(
  'app.log',
  `${Array.from({ length: 120 }, (_, i) => `2026-12-06T07:00:${i % 60}.123Z INFO [api] user ${(i * 7) % 1000} logged in from 10.0.${i % 255}.${(i % 200) + 1}`).join('\n')}\n`,
)
write('hyb.yaml', 'name: hyb\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')
write(
  'suite.yaml',
  'name: s\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 0.5 }]\nlatency: { enabled: false }\n',
)

describe('output flags naming files of the user (s32 D13)', () => {
  it('are all named in one error, exit 2, every file untouched', async () => {
    const mine = {
      'mine/junit.xml': 'mine\n',
      'mine/pr.md': 'my notes\n',
      'mine/rules.yml': 'a: 1\n',
      'mine/tests.yml': 'b: 1\n',
    }
    for (const [file, text] of Object.entries(mine)) write(file, text)
    const result = await cli([
      'run',
      'suite.yaml',
      '--out',
      'out-flags',
      '--junit',
      'mine/junit.xml',
      '--pr-comment',
      'mine/pr.md',
      '--alert-rules',
      'mine/rules.yml',
      '--alert-rule-tests',
      'mine/tests.yml',
      '-q',
    ])
    expect(result.code).toBe(2)
    for (const flag of ['--junit', '--pr-comment', '--alert-rules', '--alert-rule-tests'])
      expect(result.err).toMatch(new RegExp(`^error E_OUTPUT in .*: ${flag}: `, 'm'))
    for (const [file, text] of Object.entries(mine)) expect(readFileSync(path.join(root, file), 'utf8')).toBe(text)
  })
})
