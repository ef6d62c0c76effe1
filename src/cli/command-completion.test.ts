import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { COMMANDS } from './commands.ts'
import { renderBashCompletion } from './command-completion.ts'
import { createFakeIo } from './test-support.ts'

/** What bash completes for `words` (the last one being completed), through the generated script. */
function complete(words: readonly string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ')
  const script = `${renderBashCompletion()}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _aura_bench; printf '%s\\n' "\${COMPREPLY[@]}"`
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' })
  expect(result.stderr).toBe('')
  return result.stdout.split('\n').filter((line) => line !== '')
}

describe('aura-bench help <name>', () => {
  it('of no command: unknown command with the command list on stderr, nothing on stdout, exit 2', async () => {
    for (const [name, said] of [
      ['nope', "unknown command 'nope'"],
      ['rnu', 'Did you mean run?'],
    ]) {
      const io = createFakeIo({ cwd: process.cwd() })
      expect(await runCli(['help', name as string], io)).toBe(2)
      expect(io.out()).toBe('')
      expect(io.err()).toContain(said)
      expect(io.err()).toContain('usage: aura-bench <command> [options]')
      expect(io.err()).not.toContain('outputHelp')
    }
    const known = createFakeIo({ cwd: process.cwd() })
    expect(await runCli(['help', 'replay'], known)).toBe(0)
    expect(known.out()).toContain('--memory-connections')
  })
})

describe('aura-bench completion', () => {
  it('completes commands, then the flags of the command given, from the command table', () => {
    expect(complete(['aura-bench', 'r'])).toEqual(['run', 'replay'])
    expect(complete(['aura-bench', 'run', 'suites/week1.yaml', '--no-'])).toEqual([
      '--no-latency',
      '--no-latency-gate',
      '--no-charts',
      '--no-html',
    ])
    expect(complete(['aura-bench', 'cost', '--re'])).toEqual(['--results', '--replay'])
    // every flag of every command is offered for its command
    for (const spec of COMMANDS) {
      const offered = complete(['aura-bench', spec.name, '-'])
      for (const flag of Object.keys(spec.flags)) expect(offered, `${spec.name} --${flag}`).toContain(`--${flag}`)
    }
    // not a flag: left to the shell's file completion
    expect(complete(['aura-bench', 'run', 'sui'])).toEqual([])
    // completion's argument is a shell, not a file
    expect(complete(['aura-bench', 'completion', ''])).toEqual(['bash', 'zsh'])
    expect(complete(['aura-bench', 'completion', 'z'])).toEqual(['zsh'])
    expect(complete(['aura-bench', 'completion', '-'])).toEqual(['--help'])
  })

  it('prints the script for bash and zsh; any other shell is exit 2 naming the ones it knows', async () => {
    const bash = createFakeIo({ cwd: process.cwd() })
    expect(await runCli(['completion', 'bash'], bash)).toBe(0)
    expect(bash.out()).toContain('complete -o default -o bashdefault -F _aura_bench aura-bench')
    const zsh = createFakeIo({ cwd: process.cwd() })
    expect(await runCli(['completion', 'zsh'], zsh)).toBe(0)
    expect(zsh.out()).toMatch(/^autoload -U \+X bashcompinit && bashcompinit\n/)
    const fish = createFakeIo({ cwd: process.cwd() })
    expect(await runCli(['completion', 'fish'], fish)).toBe(2)
    expect(fish.err()).toContain('completion takes one shell: bash or zsh')
  })
})
