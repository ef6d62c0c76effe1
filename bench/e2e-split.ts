/**
 * Where the hybrid's end-to-end encode time goes beyond the template path (issue 13's encode row; a
 * diagnosis, not a goal's figure): per Loghub-format system, the L3 config a user writes (store discovered
 * from the first half, kept in `--work DIR`), loaded with `loadCompressor`, compressed twice first (section
 * 1's `prepare`). Then, line by line in the held-out order, PASSES times, three calls on the same line in a
 * rotating order: the hybrid's `compressSync`; what its template side does for the line (the screen, the
 * UTF-8 decode, a learning frame encoder of its own: `createTemplateSide` with a ChoiceLearner and a
 * RecheckGate ticked per line, as the compressor's); zstd_dict L3 alone (zstd-napi, the same dictionary).
 * Each line's median of each (medians: the machine is shared; a preempted call lands in no median), summed
 * over the lines of a class (what the hybrid's frame and metadata say it did: template only, the fallback
 * beside a template, no template and the fallback). "Rest" = hybrid - template side: the fallback calls,
 * the selection and its learners' bookkeeping, the re-weighing of a frame sent alone, the result objects.
 *
 *   npx tsx bench/e2e-split.ts --work DIR [--passes N] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { tryDecodeUtf8 } from '../src/core/index.ts'
import { createTemplateSide } from '../src/hybrid/candidates.ts'
import { createMatcher, RecheckGate } from '../src/templates/index.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore, cachedUserContenders } from './lib/user-setup.ts'

const argv = process.argv.slice(2)
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)

function classOf(sizes: Record<string, number | undefined>): string {
  const ran = sizes['zstd_dict'] !== undefined
  const binary = sizes['binary_semantic'] !== undefined
  return binary ? (ran ? 'fallback beside a template' : 'template only') : ran ? 'no template, fallback' : 'no template'
}

async function main(): Promise<void> {
  const work = option('--work')
  if (work === undefined) throw new Error('e2e-split.ts: --work DIR is required')
  const passes = Number(option('--passes') ?? 15)
  const load = (): string => (os.loadavg()[0] ?? 0).toFixed(2)
  console.log(`- load average (1 min) at start: ${load()}; ${passes} passes, per-line medians`)
  for (const system of loghubSystemsFrom(positionalArgs(argv, ['--work', '--passes']))) {
    const { heldOut: m, store } = await cachedDiscoveredStore(system, work)
    const { hybridL3, zstdL3 } = await cachedUserContenders(system, work)
    const gate = new RecheckGate()
    const side = createTemplateSide(createMatcher(store), null, true, gate)
    if (side === null) throw new Error(`${system.name}: no template side`)
    const templatePath = (bytes: Uint8Array): unknown => {
      gate.tick()
      if (!side.matcher.mayMatchBytes(bytes)) return undefined
      const text = tryDecodeUtf8(bytes)
      return text === undefined ? undefined : side.encoder.encode(text, bytes)
    }
    for (let pass = 0; pass < 2; pass++)
      for (const line of m) {
        hybridL3.compressSync(line)
        templatePath(line)
      }
    const n = m.length
    const times = [new Float64Array(n * passes), new Float64Array(n * passes), new Float64Array(n * passes)]
    const classes: string[] = new Array(n).fill('')
    for (let pass = 0; pass < passes; pass++)
      for (let i = 0; i < n; i++) {
        const line = m[i] as Uint8Array
        for (let k = 0; k < 3; k++) {
          const which = (pass + i + k) % 3
          const t0 = performance.now()
          if (which === 0) {
            const sizes = hybridL3.compressSync(line).metadata.candidateBytes as Record<string, number | undefined>
            const us = (performance.now() - t0) * 1000
            const cls = classOf(sizes)
            // a line whose class changes between passes (a re-check, a learned use) counts under its first
            if (classes[i] === '') classes[i] = cls
            ;(times[0] as Float64Array)[i * passes + pass] = us
            continue
          }
          if (which === 1) templatePath(line)
          else zstdL3.encode(line)
          ;(times[which] as Float64Array)[i * passes + pass] = (performance.now() - t0) * 1000
        }
      }
    const median = (a: Float64Array, i: number): number =>
      Array.from(a.subarray(i * passes, (i + 1) * passes)).sort((x, y) => x - y)[passes >> 1] as number
    const sums = new Map<string, { lines: number; hybrid: number; side: number; zstd: number }>()
    const all = { lines: 0, hybrid: 0, side: 0, zstd: 0 }
    for (let i = 0; i < n; i++) {
      const [h, s, z] = times.map((t) => median(t, i)) as [number, number, number]
      const cls = classes[i] as string
      const e = sums.get(cls) ?? { lines: 0, hybrid: 0, side: 0, zstd: 0 }
      for (const x of [e, all]) {
        x.lines += 1
        x.hybrid += h
        x.side += s
        x.zstd += z
      }
      sums.set(cls, e)
    }
    console.log('')
    console.log(`## ${system.name} (load ${load()})`)
    console.log('')
    console.log(
      '| lines | count | hybrid µs/line | template side | rest (hybrid - side) | zstd_dict alone | share of (hybrid - zstd) summed over all lines |',
    )
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    const row = (name: string, e: typeof all): string =>
      `| ${name} | ${e.lines} | ${(e.hybrid / e.lines).toFixed(2)} | ${(e.side / e.lines).toFixed(2)} | ${((e.hybrid - e.side) / e.lines).toFixed(2)} | ${(e.zstd / e.lines).toFixed(2)} | ${(((e.hybrid - e.zstd) / (all.hybrid - all.zstd)) * 100).toFixed(0)}% |`
    for (const [cls, e] of [...sums.entries()].sort((a, b) => b[1].lines - a[1].lines)) console.log(row(cls, e))
    console.log(row('all', all))
  }
  console.log(`- load average (1 min) at the end: ${load()}`)
}

await main()
