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
  const modelled = countModelledBytes(connections, dictionary)
  const messages = connections.flat()
  const rows = messages.map((m, i) => ({ us: fastest[i] as number, bytes: m.length, modelled: modelled[i] as number }))
  const [a, b, c] = leastSquares(rows)
  const sorted = [...rows].sort((x, y) => y.us - x.us)
  const p99 = sorted[Math.floor(rows.length / 100)]?.us ?? 0
  const median = [...modelled].sort((x, y) => x - y)[rows.length >> 1]
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
}

/** Per message, the bytes a cm encoder codes as 8 modelled bits (model-stream.ts's encodeMessageWith: the encoder's own events). */
function countModelledBytes(connections: readonly Uint8Array[][], dictionary: Uint8Array): number[] {
  const primed = new ContextModel(sizes, createSharedDictionary(dictionary))
  primed.prime()
  const counts: number[] = []
  for (const connection of connections) {
    const model = primed.clone()
    for (const message of connection) {
      const coder = new BinaryEncoder()
      let count = 0
      encodeMessageWith(model, coder, message, (_, kind) => {
        if (kind === 'modelled') count += 1
      })
      coder.finish()
      counts.push(count)
    }
  }
  return counts
}

/** Least squares of us on (1, bytes, modelled): [a, b, c] by Cramer's rule on the 3x3 normal equations. */
function leastSquares(rows: readonly { us: number; bytes: number; modelled: number }[]): [number, number, number] {
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ]
  const t = [0, 0, 0]
  for (const r of rows) {
    const x = [1, r.bytes, r.modelled]
    for (let i = 0; i < 3; i++) {
      t[i] = (t[i] as number) + (x[i] as number) * r.us
      for (let j = 0; j < 3; j++)
        (m[i] as number[])[j] = ((m[i] as number[])[j] as number) + (x[i] as number) * (x[j] as number)
    }
  }
  const det = (q: number[][]): number => {
    const [r0, r1, r2] = q as [number[], number[], number[]]
    const at = (r: number[], i: number): number => r[i] as number
    return (
      at(r0, 0) * (at(r1, 1) * at(r2, 2) - at(r1, 2) * at(r2, 1)) -
      at(r0, 1) * (at(r1, 0) * at(r2, 2) - at(r1, 2) * at(r2, 0)) +
      at(r0, 2) * (at(r1, 0) * at(r2, 1) - at(r1, 1) * at(r2, 0))
    )
  }
  const d = det(m)
  const solve = (k: number): number => det(m.map((row, i) => row.map((v, j) => (j === k ? (t[i] as number) : v)))) / d
  return [solve(0), solve(1), solve(2)]
}
