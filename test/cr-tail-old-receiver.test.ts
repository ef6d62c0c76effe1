/**
 * The 0xFB frame (round 41, src/hybrid/cr-tail.ts) read by a receiver older than it: the library as it was
 * at the start of round 41 (commit daef688, taken from git into a scratch folder and imported from source)
 * refuses it with E_FRAME_UNKNOWN_METHOD, never misreads it, and still reads every other frame this build
 * sends. Without git or that commit (a shallow clone) the test cannot build the old receiver, and says so.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTemplateStore, renderTemplate } from '../src/index.ts'
import { loadShipped, REPO_ROOT } from './support.ts'

const BEFORE_ROUND_41 = 'daef688'

function hasCommit(): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${BEFORE_ROUND_41}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The old library's src/ in a scratch folder, its packages those of this checkout (the same lock file then). */
function oldSource(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'old-receiver-'))
  const archive = execFileSync('git', ['archive', BEFORE_ROUND_41, 'src'], { cwd: REPO_ROOT, maxBuffer: 1 << 28 })
  execFileSync('tar', ['-x', '-C', folder], { input: archive })
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'))
  return path.join(folder, 'src', 'index.ts')
}

describe.skipIf(!hasCommit())(`a receiver older than round 41 (${BEFORE_ROUND_41})`, () => {
  it('refuses a 0xFB frame with E_FRAME_UNKNOWN_METHOD and reads the frames of messages without \\r', async () => {
    const old = (await import(oldSource())) as typeof import('../src/index.ts')
    const { config, compressor } = await loadShipped('recommended.yaml')
    const receiver = await old.createCompressorFromConfig(config)
    const store = await loadTemplateStore(config.templateStorePath as string)
    let refused = 0
    for (const template of store.templates.slice(0, 30)) {
      const line = renderTemplate(
        template,
        template.slots.map(() => '7'),
      )
      const plain = compressor.compressSync(line)
      expect(Buffer.from(receiver.decompressSync(plain.bytes)).equals(Buffer.from(line))).toBe(true)
      const withCr = compressor.compressSync(`${line}\r`)
      if (withCr.bytes[0] !== 0xfb) continue
      expect(() => receiver.decompressSync(withCr.bytes)).toThrow(
        expect.objectContaining({ code: 'E_FRAME_UNKNOWN_METHOD' }),
      )
      await expect(receiver.decompress(withCr.bytes)).rejects.toMatchObject({ code: 'E_FRAME_UNKNOWN_METHOD' })
      refused++
    }
    expect(refused).toBeGreaterThan(10)
  })
})
