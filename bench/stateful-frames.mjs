/**
 * The frames of the stateful hybrid on the HELD-OUT half of each corpus, from a BUILT copy of the project
 * (s44-state): plain node, no transform, so two builds (e.g. this branch's dist and the start build's) can be
 * compared frame for frame, and so `valgrind --tool=callgrind` counts the coder's instructions and little else.
 * Corpora are split and grouped into connections as `compare` does (ordered halves, dictionary of the config's
 * size from the training half, connections in compare's seeded order, Loghub as one connection).
 *
 * Printed per corpus: messages, connections, original bytes, frame bytes and the SHA-256 of every frame in
 * order (length-prefixed), so "identical frames" is one line to compare. `--decode` checks each round trip too.
 * For instruction counts: `--connection N` codes only the corpus's connection N (0-based, in replay order),
 * `--setup-only` loads and builds everything (dictionary, a primed sender) but codes nothing, so
 * run - setup-only is the coding's count.
 *
 *   node bench/stateful-frames.mjs --dist DIST_DIR <messages.jsonl | System_2k.log>... [--config FILE]
 *        [--connection N] [--setup-only] [--decode] [--list]
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
const valueless = new Set(['--setup-only', '--decode', '--list'])
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i < 0 ? fallback : String(args[i + 1])
}
const corpora = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1]?.startsWith('--') && !valueless.has(args[i - 1])))
const distArg = option('dist', '')
if (corpora.length === 0 || distArg === '') {
  process.stderr.write(
    'usage: node bench/stateful-frames.mjs --dist DIST_DIR <corpus>... [--config FILE] [--connection N] [--setup-only] [--decode] [--list]\n',
  )
  process.exit(2)
}
const dist = resolve(distArg)
const load = (path) => import(pathToFileURL(resolve(dist, path)).href)
const { openStatefulPair, statefulOptionsFromConfig } = await load('stateful/index.js')
const { loadCompressorConfig } = await load('suite/config-file.js')
const { loadCorpus } = await load('corpus/index.js')
const { DEFAULT_SPLIT } = await load('compare/split-parts.js')
const { groupByConnection } = await load('compare/group-connections.js')
const { createRawContentDictionary } = await load('codecs/index.js')

const config = await loadCompressorConfig(option('config', 'configs/stateful/stateful.yaml'))
const only = args.includes('--connection') ? Number(option('connection', '0')) : -1
const setupOnly = args.includes('--setup-only')
const check = args.includes('--decode')
for (const path of corpora) {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'loghub'
  const train = await loadCorpus({ path, format, name: path, split: { ...DEFAULT_SPLIT, use: 'train' } })
  const heldOut = await loadCorpus({ path, format, name: path, split: { ...DEFAULT_SPLIT, use: 'test' } })
  const dictionary = createRawContentDictionary(
    train.map((m) => m.bytes),
    config.zstdDictSizeBytes,
  )
  const options = statefulOptionsFromConfig(config, dictionary)
  const connections = groupByConnection(heldOut, 0)
  if (args.includes('--list')) {
    connections.forEach((c, i) => {
      process.stdout.write(`${i}\t${c.length} msgs\t${c.reduce((s, m) => s + m.bytes.length, 0)} B\n`)
    })
    continue
  }
  const chosen = only < 0 ? connections : [connections[only] ?? []]
  const hash = createHash('sha256')
  let messages = 0
  let original = 0
  let coded = 0
  for (const connection of chosen) {
    const pair = openStatefulPair(options)
    if (!setupOnly)
      for (const message of connection) {
        const frame = await pair.encode(message.bytes)
        const length = Buffer.alloc(4)
        length.writeUInt32BE(frame.length)
        hash.update(length).update(frame)
        messages += 1
        original += message.bytes.length
        coded += frame.length
        if (check && !Buffer.from(await pair.decode(frame)).equals(Buffer.from(message.bytes)))
          throw new Error(`${path}: message ${messages - 1} does not round-trip`)
      }
    pair.close()
  }
  process.stdout.write(
    `${path.split('/').at(-2)}: ${messages} msgs in ${chosen.length} conns, ${original} B -> ${coded} B, frames sha256 ${hash.digest('hex').slice(0, 16)}${check ? ', round trips checked' : ''}\n`,
  )
}
