import { describe, expect, it } from 'vitest'
import { gitEnvironment } from './baseline-git.ts'

describe('gitEnvironment (round 32)', () => {
  it("is the CLI's environment with git's terminal prompt and askpass programs off; a GIT_ASKPASS of the user's is kept", () => {
    expect(gitEnvironment({ PATH: '/usr/bin', HOME: '/home/ci', GIT_TERMINAL_PROMPT: '1' })).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ci',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
    })
    expect(gitEnvironment({ GIT_ASKPASS: '/ci/token.sh', SSH_ASKPASS: '/usr/bin/ksshaskpass' })).toEqual({
      GIT_ASKPASS: '/ci/token.sh',
      SSH_ASKPASS: '/usr/bin/ksshaskpass',
      GIT_TERMINAL_PROMPT: '0',
    })
    // a library caller that passes none: git inherits the process's environment (this module reads no `process`)
    expect(gitEnvironment(undefined)).toBeUndefined()
  })
})
