/**
 * What a message ending in `\r` costs to encode, two builds side by side (a check of a change, not a goal's
 * figure; s41-rev2 F1, round s42-p99). A program that splits a CRLF log on `\n` hands the library every line with
 * its `\r`; the store was discovered from the lines without it (as the CLI reads them). Per Loghub-format system:
 * its L3 config (bench/lib/user-setup.ts, in the system's `--work` folder) loaded by each build's
 * `loadCompressor`; the held-out lines, and the same lines with `\r` appended, compressed twice first by both
 * builds (section 1's `prepare`; the frames of the `\r` lines, as bytes and as text, by the learning compressor
 * and by its `withoutLearning()`, compared between the builds); then `compressSync` of both builds on both kinds
 * of line, and zstd_dict L3 alone, timed with bench/lib/timing.ts `compareShuffled` (chunks of 256, 12 passes in
 * shuffled orders). Printed per system: mean / p50 / p99 µs of each, each build's `\r` line over its plain
 * line (p50), B over A on the `\r` lines, frames differing, and how many `\r` lines ran the fallback in each
 * build; the geometric means over systems; the load.
 *
 *   npx tsx bench/cr-lines-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] <loghub system folder | folder of them>...
 */
import { forEachSystemBuildPair, load, printEndLoad, x } from './lib/build-pair-bench.ts'
import { geomean } from './lib/table.ts'
import { compareShuffled, type TimingSummary } from './lib/timing.ts'

const CR = 0x0d

/** What this bench asks of a build's compressor (its frames' metadata, its config's fallback, the seed rule's twin). */
interface Hybrid {
  config: { fallback: string }
  compressSync(m: string | Uint8Array): { bytes: Uint8Array; metadata: { candidateBytes: Record<string, number> } }
  withoutLearning(): Hybrid
}

const f = (t: TimingSummary): string => `${t.meanUs.toFixed(2)} / ${t.p50Us.toFixed(2)} / ${t.p99Us.toFixed(2)}`

async function main(): Promise<void> {
  const ratios = { a: [] as number[], b: [] as number[], ba50: [] as number[], baMean: [] as number[] }
  const header = [
    '| system | A plain | A `\\r` | B plain | B `\\r` | zstd `\\r` | A `\\r`/plain p50 | B `\\r`/plain p50 | B/A `\\r` mean / p50 / p99 | frames differing (learning, seed rule) | `\\r` lines with the fallback run A / B | load |',
    '|---|---|---|---|---|---|---:|---:|---|---|---|---:|',
  ]
  await forEachSystemBuildPair('cr-lines-ab.ts', header, async ({ system, heldOut: m, pair, calls }) => {
    const [a, b] = [pair.a as unknown as Hybrid, pair.b as unknown as Hybrid]
    const cr = m.map((line) => {
      const withCr = new Uint8Array(line.length + 1)
      withCr.set(line)
      withCr[line.length] = CR
      return withCr
    })
    const decoder = new TextDecoder()
    let [differing, seedDiffering, fallbackA, fallbackB] = [0, 0, 0, 0]
    for (let pass = 0; pass < 2; pass++)
      cr.forEach((line, i) => {
        const [ra, rb] = [a.compressSync(line), b.compressSync(line)]
        a.compressSync(m[i] as Uint8Array)
        b.compressSync(m[i] as Uint8Array)
        if (pass === 0) return
        if (Buffer.compare(ra.bytes, rb.bytes) !== 0) differing += 1
        if (ra.metadata.candidateBytes[a.config.fallback] !== undefined) fallbackA += 1
        if (rb.metadata.candidateBytes[b.config.fallback] !== undefined) fallbackB += 1
        const text = decoder.decode(line)
        for (const input of [line, text]) {
          const [sa, sb] = [a.withoutLearning().compressSync(input), b.withoutLearning().compressSync(input)]
          if (Buffer.compare(sa.bytes, sb.bytes) !== 0) seedDiffering += 1
        }
      })
    const [ap, ac, bp, bc, zc] = await compareShuffled(
      [
        { name: 'A plain', run: (i) => a.compressSync(m[i] as Uint8Array) },
        { name: 'A cr', run: (i) => a.compressSync(cr[i] as Uint8Array) },
        { name: 'B plain', run: (i) => b.compressSync(m[i] as Uint8Array) },
        { name: 'B cr', run: (i) => b.compressSync(cr[i] as Uint8Array) },
        { name: 'zstd_dict L3 cr', run: (i) => pair.zstd.encode(cr[i] as Uint8Array) },
      ],
      { messageCount: m.length, callsPerContender: calls },
    )
    if (ap === undefined || ac === undefined || bp === undefined || bc === undefined || zc === undefined)
      throw new Error('not timed')
    ratios.a.push(ac.p50Us / ap.p50Us)
    ratios.b.push(bc.p50Us / bp.p50Us)
    ratios.ba50.push(bc.p50Us / ac.p50Us)
    ratios.baMean.push(bc.meanUs / ac.meanUs)
    console.log(
      `| ${system.name} | ${f(ap)} | ${f(ac)} | ${f(bp)} | ${f(bc)} | ${f(zc)} | ${x(ac.p50Us / ap.p50Us)} | ${x(bc.p50Us / bp.p50Us)} | ` +
        `${x(bc.meanUs / ac.meanUs)} / ${x(bc.p50Us / ac.p50Us)} / ${x(bc.p99Us / ac.p99Us)} | ${differing}, ${seedDiffering} | ` +
        `${fallbackA} / ${fallbackB} of ${m.length} | ${load()} |`,
    )
  })
  console.log('')
  console.log(
    `- geometric means: A \`\\r\`/plain p50 ${x(geomean(ratios.a))}, B \`\\r\`/plain p50 ${x(geomean(ratios.b))}, ` +
      `B/A on \`\\r\` lines mean ${x(geomean(ratios.baMean))}, p50 ${x(geomean(ratios.ba50))}`,
  )
  printEndLoad()
}

await main()
