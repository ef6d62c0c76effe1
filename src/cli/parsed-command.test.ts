/** main.ts says what a stop left as it was from the command runCli parsed, not from process.argv[2] (s43-small). */
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { untouchedByStop } from './io.ts'
import { createFakeIo } from './test-support.ts'

describe('the parsed command, for what a stop leaves as it was', () => {
  it('runCli says the command it parsed before running it, and nothing for a command line that names none', async () => {
    const seen: string[] = []
    const io = { ...createFakeIo({ cwd: '/' }), onCommand: (name: string) => seen.push(name) }
    // `completion` needs no file; --version and help parse to no command
    expect(await runCli(['completion', 'bash'], io)).toBe(0)
    expect(await runCli(['--version'], io)).toBe(0)
    expect(await runCli(['help', 'validate'], io)).toBe(0)
    expect(seen).toEqual(['completion'])
  })

  it('names what each command without a report leaves as it was, and the report otherwise', () => {
    expect(untouchedByStop('discover')).toBe('the store named by --out is as it was (if it existed)')
    expect(untouchedByStop('validate')).toBe('it writes no file')
    expect(untouchedByStop('run')).toBe('the previous report (if any) is intact')
    expect(untouchedByStop(undefined)).toBe('the previous report (if any) is intact')
  })
})
