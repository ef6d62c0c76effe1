/**
 * Two builds of the template path side by side in one process (a check of a change, not a goal's
 * figure): each build is the output of `tsc -p tsconfig.build.json --outDir DIR` at some commit;
 * per Loghub-format system, a store discovered from the first half of its lines (bench/lib/user-setup.ts,
 * kept in `--work DIR`), and the held-out lines both builds encode, checked to give identical frames
 * (with `--selection-may-change`, for a build that picks other templates on purpose: the differing
 * frames and the bytes of both builds are counted and printed instead; each build then decodes its own
 * frames).
 * Also the no-match path: the next system's held-out lines (given two systems or more) that neither
 * build encodes, which each build refuses (`encodeBytes` returns undefined); and, with `--hybrid`, the
 * same path through each build's whole hybrid (`compressSync`, fallback zstd_dict L3) against zstd_dict
 * L3 alone (bench/lib/hybrid-nomatch-ab.ts); with `--hybrid-matched`, each build's whole hybrid on
 * each system's own held-out lines at the steady state of its learned short-cut (bench/lib/hybrid-matched-ab.ts);
 * `--hybrid-only` leaves the template path's table empty.
 * 20,000 calls per build and phase, interleaved in chunks of 256 with the builds taking turns going
 * first, after 2,000 warm-up calls; p50 per system in µs and the geometric mean of the p50s.
 * With `--fresh-per-pass`, each pass of the encode calls over the held-out lines (in their order) is
 * made by a store and encoder loaded anew, so that what an encoder remembers from message to message
 * (an open enum's unlisted values) is what one pass over the stream gives it, not what 20 passes over
 * the same lines do; warm-up and decode as without it.
 * With `--learn-choice`, each build's frame encoder is made with `{ learnChoice: true }` (the template
 * side of a learning compressor since s30-choice: it tries the template that keeps winning a situation
 * alone, templates/choice-learning.ts; a build without that option ignores it and always chooses the
 * smallest frame). Its frames may then differ from the other build's: use it with --selection-may-change.
 *
 *   npx tsx bench/template-path-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--selection-may-change] [--learn-choice] [--hybrid] [--hybrid-matched] [--hybrid-only] [--fresh-per-pass] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { printHybridNoMatch } from './lib/hybrid-nomatch-ab.ts'
import { printHybridMatched } from './lib/hybrid-matched-ab.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const CALLS = 20_000
const CHUNK = 256
const WARMUP = 2000

interface Side {
  encode(message: Uint8Array): Uint8Array | undefined
  decode(frame: Uint8Array): Uint8Array
}

/** The template path of one build, for one store file (any build's API since the frame encoder existed). */
async function sideOf(buildDir: string, storePath: string, learnChoice = false): Promise<Side> {
  const load = (module: string): Promise<Record<string, (...args: unknown[]) => unknown>> =>
    import(pathToFileURL(path.join(buildDir, module, 'index.js')).href)
  const [codecs, templates, core] = [await load('codecs'), await load('templates'), await load('core')]
  const store = (await templates['loadTemplateStore']?.(storePath)) as unknown
  const encoder = templates['createTemplateFrameEncoder']?.(
    templates['createMatcher']?.(store),
    (id: unknown) => codecs['writeTemplateFrame']?.(id, new Uint8Array(0)),
    { learnChoice },
  ) as {
    encode(text: string): { frame: Uint8Array } | undefined
    encodeBytes?(bytes: Uint8Array): { frame: Uint8Array } | undefined
  }
  return {
    encode: (m) =>
      (encoder.encodeBytes !== undefined
        ? encoder.encodeBytes(m)
        : encoder.encode(core['tryDecodeUtf8']?.(m) as string)
      )?.frame,
    decode(frame) {
      const parsed = codecs['parseFrame']?.(frame, 'tagged') as { templateId: number; payload: Uint8Array }
      return templates['decodeBinarySemantic']?.(store, parsed.templateId, parsed.payload) as Uint8Array
    },
  }
}

/** With --fresh-per-pass: the encode of call number `call`, each pass over `lines` lines by a store loaded anew for it (all loaded before timing). */
async function passEncoders(
  buildDir: string,
  storePath: string,
  lines: number,
  learnChoice: boolean,
): Promise<(call: number) => Side['encode']> {
  const sides: Side[] = []
  for (let pass = 0; pass * lines < CALLS; pass++) sides.push(await sideOf(buildDir, storePath, learnChoice))
  return (call) => (sides[Math.floor(call / lines)] as Side).encode
}

function p50(samples: Float64Array): number {
  return (Float64Array.from(samples).sort()[samples.length >> 1] as number) ?? NaN
}

/** `A | B | B/A` cells of a table row (µs, two decimals; dashes when not measured). */
function cells(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b)
    ? `${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)}x`
    : '- | - | -'
}

const geomean = (values: readonly number[]): number =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length)

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const flagValue = (flag: string): string | undefined =>
    argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined
  const [a, b, work] = [flagValue('--a'), flagValue('--b'), flagValue('--work')]
  const paths = positionalArgs(
    argv.filter(
      (arg) =>
        ![
          '--selection-may-change',
          '--learn-choice',
          '--hybrid',
          '--hybrid-matched',
          '--hybrid-only',
          '--fresh-per-pass',
        ].includes(arg),
    ),
    ['--a', '--b', '--work'],
  )
  // a build that chooses other templates on purpose: count its differing frames and bytes instead of stopping
  const selectionMayChange = argv.includes('--selection-may-change')
  const freshPerPass = argv.includes('--fresh-per-pass')
  const learnChoice = argv.includes('--learn-choice')
  const frameChanges: string[] = []
  const frameTotals = { a: 0, b: 0 }
  if (a === undefined || b === undefined || work === undefined || paths.length === 0) {
    console.error(
      'usage: npx tsx bench/template-path-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR <loghub system folder | folder of them>...',
    )
    process.exit(2)
  }
  console.log(
    `- load average (1 min) at start: ${(os.loadavg()[0] ?? 0).toFixed(2)}; A = ${a}, B = ${b}${freshPerPass ? '; encode: a store loaded anew for each pass over the held-out lines' : ''}${learnChoice ? '; encoders made with { learnChoice: true } (a build without the option ignores it)' : ''}`,
  )
  console.log('')
  console.log(
    '| system | lines | encode A | encode B | B/A | decode A | decode B | B/A | no-match lines | no match A | no match B | B/A |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  const all = {
    encA: [] as number[],
    encB: [] as number[],
    decA: [] as number[],
    decB: [] as number[],
    nomA: [] as number[],
    nomB: [] as number[],
  }
  const systems = loghubSystemsFrom(paths)
  const loaded = []
  for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })
  // --hybrid-only: the hybrid sections alone (a change outside the template path)
  const hybridOnly = argv.includes('--hybrid-only')
  for (const [k, { system, storePath, heldOut }] of loaded.entries()) {
    if (hybridOnly) break
    const [sideA, sideB] = [await sideOf(a, storePath, learnChoice), await sideOf(b, storePath, learnChoice)]
    const hits = heldOut.filter((m) => sideA.encode(m) !== undefined && sideB.encode(m) !== undefined)
    // the next system's lines that neither build encodes (none with one system): the no-match path
    const next = loaded.length > 1 ? (loaded[(k + 1) % loaded.length] as (typeof loaded)[number]).heldOut : []
    const misses = next.filter((m) => sideA.encode(m) === undefined && sideB.encode(m) === undefined)
    const frames = hits.map((m) => sideA.encode(m) as Uint8Array)
    // each build decodes its own frames (they differ only with --selection-may-change)
    const framesB = hits.map((m) => sideB.encode(m) as Uint8Array)
    let [differing, bytesA, bytesB] = [0, 0, 0]
    hits.forEach((_m, i) => {
      const frameB = framesB[i] as Uint8Array
      bytesA += (frames[i] as Uint8Array).length
      bytesB += frameB.length
      if (Buffer.compare(frameB, frames[i] as Uint8Array) === 0) return
      if (!selectionMayChange) throw new Error(`${system.name}: the builds' frames differ at held-out line ${i}`)
      differing += 1
    })
    if (differing > 0 || bytesA !== bytesB)
      frameChanges.push(`${system.name}: ${differing} frames differ, bytes ${bytesA} -> ${bytesB}`)
    frameTotals.a += bytesA
    frameTotals.b += bytesB
    for (let w = 0; w < WARMUP; w++) {
      const i = w % hits.length
      sideA.encode(hits[i] as Uint8Array)
      sideB.encode(hits[i] as Uint8Array)
      sideA.decode(frames[i] as Uint8Array)
      sideB.decode(framesB[i] as Uint8Array)
      if (misses.length === 0) continue
      sideA.encode(misses[w % misses.length] as Uint8Array)
      sideB.encode(misses[w % misses.length] as Uint8Array)
    }
    const times = {
      encA: new Float64Array(CALLS),
      encB: new Float64Array(CALLS),
      decA: new Float64Array(CALLS),
      decB: new Float64Array(CALLS),
      nomA: new Float64Array(misses.length > 0 ? CALLS : 0),
      nomB: new Float64Array(misses.length > 0 ? CALLS : 0),
    }
    const [passEncodeA, passEncodeB] = freshPerPass
      ? [
          await passEncoders(a, storePath, hits.length, learnChoice),
          await passEncoders(b, storePath, hits.length, learnChoice),
        ]
      : [() => sideA.encode, () => sideB.encode]
    const runs: [keyof typeof times, (x: Uint8Array, call: number) => unknown, Uint8Array[]][] = [
      ['encA', (x, call) => passEncodeA(call)(x), hits],
      ['encB', (x, call) => passEncodeB(call)(x), hits],
      ['decA', sideA.decode, frames],
      ['decB', sideB.decode, framesB],
      ...(misses.length > 0
        ? ([
            ['nomA', sideA.encode, misses],
            ['nomB', sideB.encode, misses],
          ] as typeof runs)
        : []),
    ]
    for (let start = 0; start < CALLS; start += CHUNK) {
      // the builds take turns going first (the second of a pair measured ~5% faster otherwise)
      for (const [key, run, inputs] of (start / CHUNK) % 2 === 0 ? runs : [...runs].reverse()) {
        const out = times[key]
        for (let call = start; call < Math.min(CALLS, start + CHUNK); call++) {
          const input = inputs[call % inputs.length] as Uint8Array
          const t0 = process.hrtime.bigint()
          run(input, call)
          out[call] = Number(process.hrtime.bigint() - t0) / 1000
        }
      }
    }
    const row = {
      encA: p50(times.encA),
      encB: p50(times.encB),
      decA: p50(times.decA),
      decB: p50(times.decB),
      nomA: p50(times.nomA),
      nomB: p50(times.nomB),
    }
    for (const key of Object.keys(all) as (keyof typeof all)[]) if (Number.isFinite(row[key])) all[key].push(row[key])
    console.log(
      `| ${system.name} | ${hits.length} | ${cells(row.encA, row.encB)} | ${cells(row.decA, row.decB)} | ${misses.length} | ${cells(row.nomA, row.nomB)} |`,
    )
  }
  const g = (key: keyof typeof all): number => geomean(all[key])
  console.log(
    `| geometric mean of the p50s | | ${cells(g('encA'), g('encB'))} | ${cells(g('decA'), g('decB'))} | | ${cells(g('nomA'), g('nomB'))} |`,
  )
  console.log('')
  for (const change of frameChanges) console.log(`- frames: ${change}`)
  if (selectionMayChange)
    console.log(
      `- frame bytes of every held-out line both encode: A ${frameTotals.a}, B ${frameTotals.b} (${(((frameTotals.b - frameTotals.a) / frameTotals.a) * 100).toFixed(3)}%)`,
    )
  if (argv.includes('--hybrid')) await printHybridNoMatch(a, b, work, loaded)
  if (argv.includes('--hybrid-matched')) await printHybridMatched(a, b, work, loaded)
  console.log(`- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
}

await main()
