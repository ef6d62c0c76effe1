/**
 * Where the stateful hybrid's encode tail goes (round 12): each message of a corpus's HELD-OUT half
 * (as `compare` splits it; dictionary of `--dict-kib` from the training half; connections in
 * compare's order, Loghub as one connection) encoded by the cm sender `--rounds` times (fresh
 * contexts each round; per message the fastest round, so most preemption on the shared machine is
 * removed), and a second model replaying the same connections counts each message's modelled bytes
 * (the bytes not coded as the match model's expected byte nor by the run model: 8 mixed bits each). Printed per corpus:
 * a least-squares fit µs = a + b * bytes + c * modelled bytes over all messages, the p99, and the
 * slowest messages with their size, modelled bytes and the fit's prediction; the load.
 *
 * Since round 38, a second line splits the time by how each position was coded: a fit µs = a + e *
 * expected + m * modelled + r * run over the messages of 200-20,000 bytes (the sizes around every corpus's
 * p99; the few huge messages would otherwise set the slopes), then the messages at the p99 rank (ranks
 * p99 - 5 to p99 + 4 by fastest round) with their mean size, positions of each kind and each kind's part of
 * the fit: which part of the coder a faster tail has to come from.
 *
 *   npx tsx bench/stateful-tail.ts <messages.jsonl | System_2k.log>... [--rounds 5] [--dict-kib 1024] [--show 8]
 */
import { hrtime } from 'node:process'
import { loadHeldOutWithDictionary, loadText, readBenchArgs } from './stateful-args.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'
import { ContextModel } from '../src/stateful/context-model.ts'
import { createSharedDictionary } from '../src/stateful/match-model.ts'
import { BinaryEncoder } from '../src/stateful/binary-coder.ts'
import { cmSizes, createModelStreamFactory, encodeMessageWith } from '../src/stateful/model-stream.ts'

const { corpora, option } = readBenchArgs('tsx bench/stateful-tail.ts <corpus>... [--rounds 5] [--dict-kib 1024]')
const rounds = Number(option('rounds', '5'))
const show = Number(option('show', '8'))
const sizes = cmSizes({ windowLog: 15, hashLog: 12 })
process.stdout.write(`HELD-OUT halves; cm sender, fastest of ${rounds} rounds; load ${loadText()} (shared machine)\n`)
for (const path of corpora) {
  const { heldOut, dictionary } = await loadHeldOutWithDictionary(path, Number(option('dict-kib', '1024')) * 1024)
  const connections = groupByConnection(heldOut, 0).map((c) => c.map((m) => m.bytes))
  const factory = createModelStreamFactory(dictionary, sizes)
  const fastest: number[] = []
  for (let round = 0; round < rounds; round++) {
    let i = 0
    for (const connection of connections) {
      const encode = factory.encoder()
      for (const message of connection) {
        const t0 = hrtime.bigint()
        encode(message)
        const us = Number(hrtime.bigint() - t0) / 1e3
        fastest[i] = Math.min(fastest[i] ?? Number.POSITIVE_INFINITY, us)
        i += 1
      }
    }
  }
  const kinds = countKinds(connections, dictionary)
  const messages = connections.flat()
  const rows = messages.map((m, i) => ({
    us: fastest[i] as number,
    bytes: m.length,
    modelled: (kinds[i] as Kinds).modelled,
  }))
  const [a, b, c] = solveLeastSquares(
    rows.map((r) => [1, r.bytes, r.modelled]),
    rows.map((r) => r.us),
  ) as [number, number, number]
  const sorted = [...rows].sort((x, y) => y.us - x.us)
  const p99 = sorted[Math.floor(rows.length / 100)]?.us ?? 0
  const median = rows.map((r) => r.modelled).sort((x, y) => x - y)[rows.length >> 1]
  process.stdout.write(
    `${path.split('/').at(-2)}: ${rows.length} msgs; fit µs = ${a.toFixed(1)} + ${b.toFixed(3)} x bytes + ${c.toFixed(3)} x modelled bytes; p99 ${p99.toFixed(0)} µs; median modelled bytes ${median}; load ${loadText()}\n` +
      `  slowest: ${sorted
        .slice(0, show)
        .map(
          (r) =>
            `${r.us.toFixed(0)} µs ${r.bytes} B (${r.modelled} modelled, fit ${(a + b * r.bytes + c * r.modelled).toFixed(0)})`,
        )
        .join('; ')}\n`,
  )
  process.stdout.write(`${byKind(rows, kinds)}\n`)
}

/** Positions of a message by how they were coded. */
interface Kinds {
  expected: number
  modelled: number
  run: number
}

/** The second line: µs by position kind over the 200-20,000-byte messages, and the messages at the p99 rank by it. */
function byKind(rows: readonly { us: number; bytes: number }[], kinds: readonly Kinds[]): string {
  const x = (i: number): number[] => {
    const k = kinds[i] as Kinds
    return [1, k.expected, k.modelled, k.run]
  }
  const chosen = rows.flatMap((r, i) => (r.bytes >= 200 && r.bytes <= 20_000 ? [i] : []))
  const fit = solveLeastSquares(
    chosen.map((i) => x(i)),
    chosen.map((i) => (rows[i] as { us: number }).us),
  )
  const [a, e, m, r] = fit as [number, number, number, number]
  const order = rows.map((_, i) => i).sort((p, q) => (rows[q] as { us: number }).us - (rows[p] as { us: number }).us)
  const rank = Math.floor(rows.length / 100)
  const around = order.slice(Math.max(0, rank - 5), rank + 5)
  const mean = (f: (i: number) => number): number => around.reduce((sum, i) => sum + f(i), 0) / around.length
  const k = (i: number): Kinds => kinds[i] as Kinds
  const [me, mm, mr] = [mean((i) => k(i).expected), mean((i) => k(i).modelled), mean((i) => k(i).run)]
  return (
    `  by kind (${chosen.length} msgs of 200-20000 B): µs = ${a.toFixed(1)} + ${e.toFixed(3)} x expected + ${m.toFixed(3)} x modelled + ${r.toFixed(3)} x run; ` +
    `at the p99 rank (${around.length} msgs): ${mean((i) => (rows[i] as { us: number }).us).toFixed(0)} µs, ${mean((i) => (rows[i] as { bytes: number }).bytes).toFixed(0)} B = ` +
    `${me.toFixed(0)} expected (${(e * me).toFixed(0)} µs) + ${mm.toFixed(0)} modelled (${(m * mm).toFixed(0)} µs) + ${mr.toFixed(0)} run (${(r * mr).toFixed(0)} µs)`
  )
}

/** Least squares by the normal equations, solved by Gauss-Jordan elimination with partial pivoting. */
function solveLeastSquares(xs: readonly number[][], ys: readonly number[]): number[] {
  const n = (xs[0] ?? []).length
  const m = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0))
  xs.forEach((x, row) => {
    for (let i = 0; i < n; i++) {
      const mi = m[i] as number[]
      mi[n] = (mi[n] as number) + (x[i] as number) * (ys[row] as number)
      for (let j = 0; j < n; j++) mi[j] = (mi[j] as number) + (x[i] as number) * (x[j] as number)
    }
  })
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let i = col + 1; i < n; i++)
      if (Math.abs((m[i] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = i
    ;[m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]]
    const p = m[col] as number[]
    for (let i = 0; i < n; i++) {
      if (i === col) continue
      const mi = m[i] as number[]
      const f = (mi[col] as number) / (p[col] as number)
      for (let j = col; j <= n; j++) mi[j] = (mi[j] as number) - f * (p[j] as number)
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number))
}

/** Per message, its positions by how a cm encoder codes them (model-stream.ts's encodeMessageWith: the encoder's own events). */
function countKinds(connections: readonly Uint8Array[][], dictionary: Uint8Array): Kinds[] {
  const primed = new ContextModel(sizes, createSharedDictionary(dictionary))
  primed.prime()
  const counts: Kinds[] = []
  for (const connection of connections) {
    const model = primed.clone()
    for (const message of connection) {
      const coder = new BinaryEncoder()
      const count: Kinds = { expected: 0, modelled: 0, run: 0 }
      encodeMessageWith(model, coder, message, (_, kind) => {
        count[kind] += 1
      })
      coder.finish()
      counts.push(count)
    }
  }
  return counts
}
