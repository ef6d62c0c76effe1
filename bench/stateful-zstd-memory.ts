/**
 * What one stateful zstd connection holds, by level and dictionary size (docs/stateful.md, "What a zstd connection
 * holds"; round 40's table, measured then by an uncommitted script, committed in round 41). A library-level
 * measurement, not a user's config: the dictionary is createRawContentDictionary over the corpus's messages (as a
 * stateful config builds its own), one message (the fifth from the end) is sent on each of 5 connections opened
 * through createZstdStreamEncoder/Decoder with window_log 15, and the RSS growth per connection and the mean time of a
 * connection's first message are printed. Each row runs in a process of its own (freed memory of an earlier row would
 * be reused without growing RSS).
 *
 *   npx tsx bench/stateful-zstd-memory.ts <corpus.jsonl | file.log>
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRawContentDictionary, createZstdStreamDecoder, createZstdStreamEncoder } from '../src/codecs/index.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { loadText, readBenchArgs } from './stateful-args.ts'

/** level, dictionary KiB, hash_log (and chain_log) or none: round 40's rows. */
const ROWS: readonly [number, number, number | undefined][] = [
  [3, 1024, undefined],
  [9, 1024, undefined],
  [12, 1024, undefined],
  [15, 1024, undefined],
  [16, 1024, undefined],
  [17, 1024, undefined],
  [19, 1024, undefined],
  [19, 64, undefined],
  [19, 1024, 17],
]
const CONNECTIONS = 5

const { corpora, option } = readBenchArgs('tsx bench/stateful-zstd-memory.ts <corpus> [--row LEVEL:DICT_KB[:HASH_LOG]]')
const corpus = corpora[0] as string
const row = option('row', '')

if (row === '') {
  console.log(`corpus ${corpus}; load ${loadText()}; ${CONNECTIONS} connections a row, window_log 15, a process a row`)
  for (const [level, dictKb, hashLog] of ROWS) {
    const spec = `${level}:${dictKb}${hashLog === undefined ? '' : `:${hashLog}`}`
    const args = [...process.execArgv, fileURLToPath(import.meta.url), corpus, '--row', spec]
    process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }))
  }
  console.log(`load ${loadText()}`)
} else {
  const [level, dictKb, hashLog] = row.split(':').map(Number) as [number, number, number | undefined]
  const messages = (await loadCorpus({ path: corpus })).map((m) => m.bytes)
  const dictionary = createRawContentDictionary(messages, dictKb * 1024)
  const message = messages[Math.max(0, messages.length - 5)] as Uint8Array
  const options = {
    level,
    windowLog: 15,
    dictionary,
    ...(hashLog === undefined || Number.isNaN(hashLog) ? {} : { hashLog, chainLog: hashLog }),
  }
  const held: unknown[] = []
  const before = process.memoryUsage.rss()
  let firstMs = 0
  for (let i = 0; i < CONNECTIONS; i++) {
    const started = performance.now()
    const encode = createZstdStreamEncoder(options)
    const decode = createZstdStreamDecoder(options)
    decode(encode(message))
    firstMs += performance.now() - started
    held.push(encode, decode)
  }
  const perConnection = (process.memoryUsage.rss() - before) / CONNECTIONS
  const hash = 'hashLog' in options ? `, hash_log/chain_log ${options.hashLog}` : ''
  console.log(
    `level ${level}, dictionary ${dictKb} KiB (${dictionary.length} bytes)${hash}: first message ${(firstMs / CONNECTIONS).toFixed(1)} ms, RSS ${(perConnection / 1048576).toFixed(1)} MiB per connection (${held.length / 2} held)`,
  )
}
