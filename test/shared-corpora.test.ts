/**
 * Every shipped config round-trips real traffic from ../shared/corpora byte-exactly: per corpus file,
 * a bounded deterministic sample (its largest message plus messages evenly spaced over the file).
 * The sample is small because brotli-wasm at quality 11, used by four of the shipped configs, costs
 * about 7 ms per message however short, and up to a second on the 80-146 KB messages; the full
 * corpora go through `npm run bench:corpora`. Skipped, saying so, when the folder is absent.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadCorpus, measureSizes, type CorpusMessage } from '../src/index.ts'
import { isUtf8, loadShipped, REPO_ROOT, SHIPPED_CONFIG_FILES, type ShippedCompressor } from './support.ts'

const CORPORA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'corpora')
const CORPORA_PRESENT = existsSync(CORPORA_DIR)
const SKIP_NOTE = CORPORA_PRESENT
  ? ''
  : ` [skipped: ${CORPORA_DIR} is absent; these tests need the shared corpora checked out next to the repository]`

const LOGHUB_SYSTEMS = ['Apache', 'HDFS', 'HealthApp', 'Linux', 'OpenSSH', 'Proxifier', 'Spark', 'Zookeeper']
/** Corpus files as the shared README lists them, relative to the corpora folder. */
const CORPUS_FILES = [
  ...LOGHUB_SYSTEMS.map((system) => `loghub/${system}/${system}_2k.log`),
  'llm-stream/messages.jsonl',
  'ws-market-data/messages.jsonl',
  'api-github/messages.jsonl',
]
/** messages per corpus file: its largest one plus evenly spaced ones */
const SAMPLE_MESSAGES = 12

/** The largest message, then every k-th message from the start: the same sample on every run. */
function sampleOf(messages: readonly CorpusMessage[]): CorpusMessage[] {
  let largest = messages[0] as CorpusMessage
  for (const message of messages) if (message.bytes.length > largest.bytes.length) largest = message
  const stride = Math.max(1, Math.floor(messages.length / (SAMPLE_MESSAGES - 1)))
  const spaced = messages.filter((m, i) => i % stride === 0 && m !== largest).slice(0, SAMPLE_MESSAGES - 1)
  return [largest, ...spaced]
}

describe('shared corpora round-trip through every shipped config', () => {
  let compressors: ShippedCompressor[] = []
  beforeAll(async () => {
    if (CORPORA_PRESENT) compressors = await Promise.all(SHIPPED_CONFIG_FILES.map((file) => loadShipped(file)))
  })

  it.skipIf(!CORPORA_PRESENT).each(CORPUS_FILES)(`%s${SKIP_NOTE}`, async (relative) => {
    const messages = await loadCorpus({ path: path.join(CORPORA_DIR, relative) })
    const sample = sampleOf(messages)
    expect(sample.length).toBe(Math.min(SAMPLE_MESSAGES, messages.length))
    const allUtf8 = sample.every((m) => isUtf8(m.bytes))
    for (const { file, config, compressor } of compressors) {
      const pass = await measureSizes(compressor, sample)
      expect(pass.state, `${file}: compress failed`).toBe('complete')
      expect(pass.mismatches, `${file} on ${relative}`).toEqual([])
      expect(pass.roundTrip).toEqual({ checked: sample.length, mismatches: 0 })
      // text-passthrough never grows valid UTF-8 (tagged framing may add its 1-byte tag)
      if (config.framing === 'text-passthrough' && allUtf8) expect(pass.expandingCount, file).toBe(0)
    }
  })
})
