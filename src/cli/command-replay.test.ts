import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { createFakeIo } from './test-support.ts'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-replay-'))
  const lines = Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({
      text: `{"e":"trade","E":${1626916421925 + i * 9},"p":"${(427.7 + i / 100).toFixed(2)}","q":"${i % 7}"}`,
    }),
  )
  await writeFile(path.join(dir, 'ticks.jsonl'), `${lines.join('\n')}\n`)
  await writeFile(
    path.join(dir, 'stateful.yaml'),
    'name: st\nmode: stateful\nzstd_dict_size_bytes: 1024\nstateful: { codec: deflate, level: 9, window_log: 15 }\n',
  )
  await writeFile(
    path.join(dir, 'suite.yaml'),
    'name: wire\ncorpora:\n  - { path: ticks.jsonl, format: jsonl }\nconfigs:\n  - stateful.yaml\n',
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('aura-bench replay', () => {
  it('says that the training part is empty for a one-message corpus (exit 2, naming the corpus entry)', async () => {
    await writeFile(path.join(dir, 'one.jsonl'), `${JSON.stringify({ text: 'hello' })}\n`)
    await writeFile(path.join(dir, 'one.yaml'), 'name: one\ncorpora: [one.jsonl]\nconfigs:\n  - stateful.yaml\n')
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['replay', 'one.yaml', '--out', 'never-one'], io)).toBe(2)
    expect(io.err()).toMatch(
      /E_CORPUS_EMPTY in .*one\.yaml:2: corpora\[0\]\.split: corpus one: the training part of its split is empty.*replay trains/,
    )
    expect(await readdir(dir)).not.toContain('never-one')
  })

  it('refuses a stateful config entry with derived state (it would be ignored): replay, compare and validate, exit 2, nothing written', async () => {
    await writeFile(
      path.join(dir, 'derived.yaml'),
      'name: derived\ncorpora:\n  - { path: ticks.jsonl, format: jsonl }\nconfigs:\n  - { path: stateful.yaml, zstd_dict_training: { split: all } }\n',
    )
    for (const args of [
      ['replay', 'derived.yaml', '--out', 'never-derived'],
      ['compare', 'derived.yaml', '--out', 'never-derived', '--quick'],
      ['validate', 'derived.yaml'],
    ]) {
      const io = createFakeIo({ cwd: dir })
      expect(await runCli(args, io), args[0]).toBe(2)
      expect(io.err()).toMatch(
        /E_SCHEMA in .*derived\.yaml:5: configs\[0\]\.zstd_dict_training: config .* is mode: stateful/,
      )
    }
    expect(await readdir(dir)).not.toContain('never-derived')
  })

  it('refuses a --memory-connections above its bound before any work (exit 2, not a probe that runs out of sockets)', async () => {
    for (const count of ['99999999', '1e12', '1001']) {
      const io = createFakeIo({ cwd: dir })
      expect(await runCli(['replay', 'suite.yaml', '--out', 'never-many', '--memory-connections', count], io)).toBe(2)
      expect(io.err()).toContain(
        `E_USAGE in --memory-connections: --memory-connections is too large (at most 1000), got \`${count}\``,
      )
    }
    expect(await readdir(dir)).not.toContain('never-many')
  })

  it('replays over a real WebSocket, writes replay.md and replay.json, exits 0 when every socket count matches the accounting', async () => {
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(
      [
        'replay',
        'suite.yaml',
        '--out',
        'out',
        '--connections',
        '1',
        '--messages',
        '30',
        '--memory-connections',
        '2',
        '--quiet',
      ],
      io,
    )
    expect(io.err()).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(await readFile(path.join(dir, 'out', 'replay.json'), 'utf8'))
    // identified as aura-bench's replay.json (fields added compatibly, first)
    expect(Object.keys(report).slice(0, 2)).toEqual(['schemaVersion', 'kind'])
    expect([report.schemaVersion, report.kind]).toEqual([1, 'replay'])
    const configs = report.corpora[0].configs as {
      config: string
      messages: number
      mismatches: number
      exactConnections: number
      connections: number
      payloadBytes: number
      originalBytes: number
    }[]
    expect(configs.map((c) => c.config)).toEqual([
      'raw',
      'pmd L6 takeover',
      'pmd L6 no takeover',
      'hybrid st (stateful)',
    ])
    for (const c of configs)
      expect(c).toMatchObject({ messages: 30, mismatches: 0, exactConnections: 1, connections: 1 })
    expect((configs[3] as { payloadBytes: number }).payloadBytes).toBeLessThan(
      (configs[0] as { payloadBytes: number }).payloadBytes / 2,
    )
    expect(await readFile(path.join(dir, 'out', 'replay.md'), 'utf8')).toContain(
      '| hybrid st (stateful) | 1 | 30 | yes |',
    )
    // every held-out message on the one connection replayed: no warning that the replay was bounded
    expect(report.corpora[0].heldOutMessages).toBe(30)
    expect(await readFile(path.join(dir, 'out', 'replay.md'), 'utf8')).not.toContain('the replay was bounded')
    expect(await readFile(path.join(dir, 'out', 'replay.md'), 'utf8')).toContain(
      'Ratios: *payload ratio* = original ÷ payload; *wire ratio* = original ÷ wire (server→client)',
    )
    // published like every report: links into the folder's state, switched in by one rename
    expect((await lstat(path.join(dir, 'out', 'replay.md'))).isSymbolicLink()).toBe(true)
  })

  it("refuses a replay.md of the user's before replaying (exit 2, naming it) and leaves it untouched", async () => {
    await mkdir(path.join(dir, 'mine'), { recursive: true })
    await writeFile(path.join(dir, 'mine', 'replay.md'), 'my notes\n')
    const io = createFakeIo({ cwd: dir })
    expect(
      await runCli(['replay', 'suite.yaml', '--out', 'mine', '--connections', '1', '--messages', '5', '--quiet'], io),
    ).toBe(2)
    expect(io.err()).toMatch(/E_OUTPUT.*replay\.md/s)
    expect(io.out()).toBe('')
    expect(await readFile(path.join(dir, 'mine', 'replay.md'), 'utf8')).toBe('my notes\n')
  })

  it('cost --replay projects the bytes that crossed the socket (raw row = uncompressed), and refuses flags that would count framing twice', async () => {
    const replay = JSON.parse(await readFile(path.join(dir, 'out', 'replay.json'), 'utf8')) as {
      corpora: { configs: { config: string; messages: number; wireBytes: number }[] }[]
    }
    const io = createFakeIo({ cwd: dir })
    expect(
      await runCli(
        [
          'cost',
          '--replay',
          'out/replay.json',
          '--messages-per-day',
          '1M',
          '--price-per-gb',
          '0.1',
          '--out',
          'wire-cost',
          '--quiet',
        ],
        io,
      ),
    ).toBe(0)
    const cost = JSON.parse(await readFile(path.join(dir, 'wire-cost', 'cost.json'), 'utf8')) as {
      projections: {
        projection: { avgMessageBytes: number; configs: { name: string; sent: { bytesPerMessage: number } }[] }
      }[]
    }
    const projection = cost.projections[0]?.projection
    const rows = replay.corpora[0]?.configs ?? []
    const raw = rows.find((r) => r.config === 'raw')
    expect(projection?.avgMessageBytes).toBe((raw?.wireBytes ?? 0) / (raw?.messages ?? 1))
    for (const row of rows)
      expect(projection?.configs.find((c) => c.name === row.config)?.sent.bytesPerMessage).toBe(
        row.wireBytes / row.messages,
      )
    const twice = createFakeIo({ cwd: dir })
    expect(
      await runCli(
        [
          'cost',
          '--replay',
          'out/replay.json',
          '--messages-per-day',
          '1M',
          '--price-per-gb',
          '0.1',
          '--overhead-bytes',
          '8',
        ],
        twice,
      ),
    ).toBe(2)
    expect(twice.err()).toContain('--overhead-bytes cannot be used with --replay')
    await writeFile(
      path.join(dir, 'bad-replay.json'),
      JSON.stringify({ corpora: [{ name: 'x', configs: [{ config: 'raw', messages: 'ten' }] }] }),
    )
    const bad = createFakeIo({ cwd: dir })
    expect(
      await runCli(['cost', '--replay', 'bad-replay.json', '--messages-per-day', '1M', '--price-per-gb', '0.1'], bad),
    ).toBe(2)
    expect(bad.err()).toMatch(/E_SCHEMA.*bad-replay\.json.*corpora\[0\]\.configs\[0\]/s)
  })

  it('an interrupt mid-replay exits 130 with one line, writes nothing and releases the lock', async () => {
    const io = createFakeIo({
      cwd: dir,
      // Ctrl-C at the replay's first progress line, once the lock is held
      onStdout: (_text, self) => self.interrupt(),
    })
    const args = ['replay', 'suite.yaml', '--out', 'out-int', '--connections', '1', '--messages', '30']
    expect(await runCli([...args, '--memory-connections', '2'], io)).toBe(130)
    expect(io.err()).toMatch(/^interrupted: nothing written; the previous replay in .*out-int/)
    expect(io.handlerCount()).toBe(0)
    const state = path.join(dir, 'out-int', '.aura-bench')
    const left = await readdir(state).catch(() => [])
    expect(left.filter((name) => name.startsWith('lock'))).toEqual([])
    await expect(lstat(path.join(dir, 'out-int', 'replay.json'))).rejects.toThrow(/ENOENT/)
  })

  it('a bad bound is bad input (exit 2) naming the flag', async () => {
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['replay', 'suite.yaml', '--connections', '0'], io)).toBe(2)
    expect(io.err()).toContain('--connections')
  })

  it('a missing suite is bad input (exit 2) naming the file', async () => {
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['replay', 'nope.yaml'], io)).toBe(2)
    expect(io.err()).toContain('nope.yaml')
  })
})

describe('aura-bench replay: round 32', () => {
  it("marks a config whose message exceeds its max_message_bytes failed (exit 1) and keeps the other configs' rows", async () => {
    await writeFile(path.join(dir, 'small-max.yaml'), 'name: small-max\nfallback: deflate\nmax_message_bytes: 50\n')
    await writeFile(
      path.join(dir, 'smax.yaml'),
      'name: smax\ncorpora:\n  - { path: ticks.jsonl, format: jsonl }\nconfigs:\n  - small-max.yaml\n  - stateful.yaml\n',
    )
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(
      [
        'replay',
        'smax.yaml',
        '--out',
        'smax-out',
        '--connections',
        '1',
        '--messages',
        '20',
        '--memory-connections',
        '1',
        '--quiet',
      ],
      io,
    )
    expect(code).toBe(1)
    expect(io.err()).toMatch(
      /^failed: ticks: hybrid small-max: E_MESSAGE_TOO_LARGE: message of \d+ bytes exceeds max_message_bytes 50/,
    )
    const report = JSON.parse(await readFile(path.join(dir, 'smax-out', 'replay.json'), 'utf8'))
    const rows = report.corpora[0].configs as { config: string; messages: number; failed?: { code: string } }[]
    expect(rows.map((r) => [r.config, r.failed?.code ?? r.messages])).toEqual([
      ['raw', 20],
      ['pmd L6 takeover', 20],
      ['pmd L6 no takeover', 20],
      ['hybrid small-max', 'E_MESSAGE_TOO_LARGE'],
      ['hybrid st (stateful)', 20],
    ])
    expect(report.memory.find((m: { config: string }) => m.config === 'hybrid small-max').failed.code).toBe(
      'E_MESSAGE_TOO_LARGE',
    )
    const markdown = await readFile(path.join(dir, 'smax-out', 'replay.md'), 'utf8')
    expect(markdown).toContain('| hybrid small-max | FAILED: E_MESSAGE_TOO_LARGE: message of')
    // cost --replay refuses the failed row (it sent nothing) rather than projecting the others without a word
    const cost = createFakeIo({ cwd: dir })
    expect(
      await runCli(
        ['cost', '--replay', 'smax-out/replay.json', '--messages-per-day', '1000', '--out', 'smax-cost'],
        cost,
      ),
    ).toBe(2)
    expect(cost.err()).toContain('config "hybrid small-max" failed in the replay (E_MESSAGE_TOO_LARGE')
    // "at most 1 connections" (s32's trial)
    expect(markdown).toContain('at most 1 connection and 20 messages per corpus and config')
  })

  it('refuses a HAR corpus with har_direction: both before any work (exit 2, the field named): one context would carry both directions', async () => {
    const frames = Array.from({ length: 20 }, (_, i) => ({
      type: i % 3 === 0 ? 'send' : 'receive',
      time: i,
      opcode: 1,
      data: `{"seq":${i},"price":${100 + i}}`,
    }))
    await writeFile(
      path.join(dir, 'chat.har'),
      JSON.stringify({ log: { entries: [{ request: { url: 'wss://x/ws' }, _webSocketMessages: frames }] } }),
    )
    await writeFile(
      path.join(dir, 'har.yaml'),
      'name: har\ncorpora:\n  - { path: chat.har, name: recv }\n  - { path: chat.har, name: both, har_direction: both }\nconfigs:\n  - stateful.yaml\n',
    )
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['replay', 'har.yaml', '--out', 'har-out', '--quiet'], io)).toBe(2)
    expect(io.err()).toMatch(
      /^error E_SCHEMA in .*har.yaml:4: corpora\[1\].har_direction: corpus both: har_direction: both/,
    )
    expect(await readdir(path.join(dir, 'har-out')).catch(() => [])).not.toContain('replay.json')
    // compare keeps both directions (its per-message entries do not depend on them) and says what its per-connection ones do
    const compare = createFakeIo({ cwd: dir })
    expect(
      await runCli(['compare', 'har.yaml', '--quick', '--out', 'har-cmp', '--quiet', '--no-charts'], compare),
    ).toBe(0)
    const comparison = JSON.parse(await readFile(path.join(dir, 'har-cmp', 'comparison.json'), 'utf8'))
    expect(comparison.warnings.filter((w: string) => w.includes('har_direction: both'))).toEqual([
      expect.stringMatching(
        /^corpus both: har_direction: both: the per-connection entries .* keeps a context per direction/,
      ),
    ])
  })
})
