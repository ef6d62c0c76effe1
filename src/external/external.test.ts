import { execPath } from 'node:process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import {
  isExternalCompressor,
  loadModuleCompressor,
  startCommandCompressor,
  startJsonLinesProcess,
  type ExternalCompressor,
} from './index.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../../test/external')

/** A Node one-liner that answers every request line with `reply(request)` (a JS expression over `r`). */
function replier(reply: string): string[] {
  return [
    execPath,
    '-e',
    `require('readline').createInterface({ input: process.stdin }).on('line', (l) => { const r = JSON.parse(l); process.stdout.write(JSON.stringify(${reply}) + '\\n') })`,
  ]
}

async function withCompressor<T>(
  command: string[],
  use: (c: ExternalCompressor) => Promise<T>,
  timeoutMs = 2000,
): Promise<T> {
  const compressor = await startCommandCompressor({ name: 'test', command, cwd: FIXTURES, timeoutMs })
  try {
    return await use(compressor)
  } finally {
    await compressor.close()
  }
}

const ECHO = `r.op === 'compress' ? { id: r.id, frame: r.data, method: 'uncompressed' } : { id: r.id, data: r.frame }`

describe('command compressor (JSON lines)', () => {
  it('round-trips through the process and labels itself process-boundary', async () => {
    await withCompressor(replier(ECHO), async (c) => {
      const result = await c.compress('héllo wörld')
      expect(result.method).toBe('uncompressed')
      expect(result.metadata).toEqual({ ratio: 1, method: 'uncompressed', originalBytes: 13, compressedBytes: 13 })
      expect(await c.decompress(result.bytes)).toEqual(toBytes('héllo wörld'))
      expect(isExternalCompressor(c)).toBe(true)
      expect(c.latencyMode).toBe('process-boundary')
    })
  })

  it("passes an error reply's own code through, and keeps serving", async () => {
    const reply = `r.op === 'decompress' ? { id: r.id, error: { code: 'E_FRAME_CORRUPT', message: 'bad tag' } } : { id: r.id, frame: r.data, method: 'uncompressed' }`
    await withCompressor(replier(reply), async (c) => {
      await expect(c.decompress(Uint8Array.of(9))).rejects.toMatchObject({
        code: 'E_FRAME_CORRUPT',
        message: expect.stringContaining('bad tag'),
      })
      expect((await c.compress('still here')).bytes).toEqual(toBytes('still here'))
    })
  })

  it.each([
    ['a method it does not know', `{ id: r.id, frame: r.data, method: 'lz4' }`, /method "lz4"/],
    ['a frame that is not base64', `{ id: r.id, frame: '***', method: 'brotli' }`, /not standard base64/],
    ['no frame', `{ id: r.id, method: 'brotli' }`, /without a string "frame"/],
    ['a reply to another id', `{ id: r.id + 100, frame: r.data, method: 'brotli' }`, /no request is waiting/],
  ])('fails with E_EXTERNAL on %s', async (_what, reply, message) => {
    await withCompressor(replier(reply), async (c) => {
      await expect(c.compress('abc')).rejects.toMatchObject({
        code: 'E_EXTERNAL',
        message: expect.stringMatching(message),
      })
    })
  })

  it('fails every later request once the process printed a line that is not JSON', async () => {
    await withCompressor(
      [
        execPath,
        '-e',
        "process.stdin.once('data', () => process.stdout.write('oops\\n')); setInterval(() => {}, 1000)",
      ],
      async (c) => {
        await expect(c.compress('abc')).rejects.toMatchObject({
          code: 'E_EXTERNAL',
          message: expect.stringContaining('not JSON'),
        })
        await expect(c.compress('abc')).rejects.toMatchObject({ code: 'E_EXTERNAL' })
      },
    )
  })

  it('kills a process that does not answer within the timeout, with its stderr in the message', async () => {
    const silent = [execPath, '-e', "process.stderr.write('thinking hard\\n'); setInterval(() => {}, 1000)"]
    // stderr is written at start, and the timeout leaves a loaded machine time to start node: the test is
    // about what the timeout does, not how soon (it failed at load 10 when node took 400 ms to start)
    await withCompressor(
      silent,
      async (c) => {
        await expect(c.compress('abc')).rejects.toMatchObject({
          code: 'E_EXTERNAL',
          message: expect.stringMatching(/within 1500 ms.*thinking hard/s),
        })
      },
      1500,
    )
  })

  it('reports a crash with the exit code and the end of stderr', async () => {
    const crash = [
      execPath,
      '-e',
      "process.stdin.once('data', () => { process.stderr.write('segfault-ish\\n'); process.exit(7) })",
    ]
    await withCompressor(crash, async (c) => {
      await expect(c.compress('abc')).rejects.toMatchObject({
        code: 'E_EXTERNAL',
        message: expect.stringMatching(/exited \(code 7\).*segfault-ish/s),
      })
    })
  })

  it('refuses to start a command that does not exist, and closes a process that ignores end of input', async () => {
    await expect(
      startCommandCompressor({ name: 'x', command: ['./no-such-compressor'], cwd: FIXTURES, timeoutMs: 1000 }),
    ).rejects.toMatchObject({ code: 'E_EXTERNAL' })
    const stubborn = await startJsonLinesProcess({
      command: [execPath, '-e', 'setInterval(() => {}, 1000)'],
      cwd: FIXTURES,
      timeoutMs: 1000,
      label: 'stubborn',
    })
    await stubborn.close()
    await expect(stubborn.request({ op: 'compress' })).rejects.toMatchObject({ code: 'E_EXTERNAL' })
  })
})

describe('module compressor', () => {
  it('loads compress/decompress from an ES module and checks what they return', async () => {
    const c = await loadModuleCompressor({
      name: 'node-deflate',
      modulePath: path.join(FIXTURES, 'deflate-module.mjs'),
    })
    const text = 'Request 42 completed in 45ms; Request 43 completed in 46ms; Request 44 completed in 47ms'
    const result = await c.compress(text)
    expect(result.method).toBe('deflate')
    expect(await c.decompress(result.bytes)).toEqual(toBytes(text))
    expect(c.latencyMode).toBe('in-process')
    expect(Object.keys(c.libraries)).toContain('node:zlib')
  })

  it('names the config key when the module is missing or exports no codec', async () => {
    const origin = { file: 'configs/x.yaml', field: 'external_module' }
    await expect(
      loadModuleCompressor({ name: 'x', modulePath: path.join(FIXTURES, 'missing.mjs'), origin }),
    ).rejects.toMatchObject({ code: 'E_EXTERNAL', location: origin })
    await expect(
      loadModuleCompressor({ name: 'x', modulePath: path.join(FIXTURES, 'python-zlib.yaml'), origin }),
    ).rejects.toMatchObject({ code: 'E_EXTERNAL' })
  })
})

describe('hostile external processes (issue 19)', () => {
  it('an endless reply line (cat /dev/zero) is E_EXTERNAL past the line limit, not a RangeError', async () => {
    await withCompressor(
      ['sh', '-c', 'read line; exec cat /dev/zero'],
      async (c) => {
        await expect(c.compress('x')).rejects.toMatchObject({
          code: 'E_EXTERNAL',
          message: expect.stringContaining('a line longer than'),
        })
      },
      60_000,
    )
  }, 90_000)

  it("the process's own children (a shell wrapper's child) do not outlive close()", async () => {
    const { readFileSync, mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const pidFile = path.join(mkdtempSync(path.join(tmpdir(), 'aura-external-')), 'child.pid')
    // the wrapper starts a long sleep in the background, records its pid, then serves the protocol
    const script = `sleep 300 & echo $! > ${pidFile}; exec ${JSON.stringify(execPath)} -e ${JSON.stringify(`require('readline').createInterface({ input: process.stdin }).on('line', (l) => { const r = JSON.parse(l); process.stdout.write(JSON.stringify({ id: r.id, frame: r.data, method: 'uncompressed' }) + '\\n') })`)}`
    await withCompressor(['sh', '-c', script], async (c) => {
      await c.compress('hello')
    })
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const alive = (() => {
      try {
        process.kill(grandchild, 0)
        return !readFileSync(`/proc/${grandchild}/stat`, 'utf8').includes(') Z ')
      } catch {
        return false
      }
    })()
    expect({ grandchild, alive }).toEqual({ grandchild, alive: false })
  })
})

describe('a module that throws a hostile value', () => {
  it('a thrown Proxy whose traps throw is E_EXTERNAL, not an error in our reporting (was exit 3)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const modulePath = path.join(mkdtempSync(path.join(tmpdir(), 'aura-module-')), 'proxy.mjs')
    const hostile = `new Proxy({}, { get() { throw new Error('trap') }, getPrototypeOf() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } })`
    writeFileSync(
      modulePath,
      `export function compress() { throw ${hostile} }\nexport function decompress() { throw ${hostile} }\n`,
    )
    const c = await loadModuleCompressor({ name: 'proxy', modulePath })
    await expect(c.compress('x')).rejects.toMatchObject({
      code: 'E_EXTERNAL',
      message: expect.stringContaining('compress threw a value that cannot be read'),
    })
    await expect(c.decompress(Uint8Array.of(1))).rejects.toMatchObject({
      code: 'E_EXTERNAL',
      message: expect.stringContaining('decompress threw'),
    })
  })
})
