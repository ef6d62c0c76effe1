import { describe, expect, it } from 'vitest'
import { AuraError, FrameError, toFrameError } from './errors.ts'

describe('error classes', () => {
  it('instanceof holds for an error from another copy of the module (the bundled CLI vs the library a user module imports)', async () => {
    // a second instance of this very module: the same source, its own classes
    const copy = './errors.ts?second-copy'
    const other = (await import(/* @vite-ignore */ copy)) as typeof import('./errors.ts')
    expect(other.AuraError).not.toBe(AuraError)
    const foreign = new other.FrameError('E_FRAME_CORRUPT', 'from the other copy')
    expect(foreign instanceof AuraError).toBe(true)
    expect(foreign instanceof FrameError).toBe(true)
    expect(toFrameError('prefix', foreign)).toBe(foreign)
    const plain = new other.AuraError('E_SCHEMA', 'not a frame error')
    expect(plain instanceof AuraError).toBe(true)
    expect(plain instanceof FrameError).toBe(false)
  })

  it('plain errors and look-alikes are not aura errors', () => {
    expect(new Error('x') instanceof AuraError).toBe(false)
    expect({ code: 'E_FRAME_CORRUPT', message: 'x' } instanceof FrameError).toBe(false)
    expect((null as unknown as object) instanceof AuraError).toBe(false)
    expect(new AuraError('E_SCHEMA', 'x') instanceof Error).toBe(true)
  })
})
