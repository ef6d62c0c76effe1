/**
 * How often the selection short-cut spares the fallback codec: messages from min_compression_size up
 * whose template frame x binary_advantage_threshold is already at most the smallest frame the
 * fallback's format could write. The decision depends on the format's bound, not on the codec's
 * output, so Brotli is counted at quality 0 (same format, same bound as q11, far faster to run).
 * Run alone: `npx tsx bench/shortcut.ts`.
 */
import type { FallbackCodecName } from '../src/core/index.ts'
import { createBenchDictionary, createBenchHybrid } from './lib/compressors.ts'
import { templateCorpora } from './lib/corpora.ts'
import { describeMachine } from './lib/machine.ts'
import { count, renderTable } from './lib/table.ts'

const FALLBACKS: readonly FallbackCodecName[] = ['brotli', 'zstd_dict', 'deflate']
const MIN_COMPRESSION_BYTES = 30

/** The short-cut section as Markdown (emergency settings: min size 30, threshold 1.1, tagged frames). */
export async function shortcutSection(): Promise<string> {
  const rows: string[][] = []
  for (const corpus of await templateCorpora()) {
    const eligible = corpus.messages.filter((m) => m.length >= MIN_COMPRESSION_BYTES)
    const cells: string[] = []
    for (const fallback of FALLBACKS) {
      const dictionary = createBenchDictionary(corpus.training)
      const hybrid = await createBenchHybrid({ name: 'shortcut', fallback, store: corpus.store, dictionary, yaml: 'brotli_quality: 0' })
      let skipped = 0
      for (const message of eligible) if ((await hybrid.compress(message)).metadata.candidateBytes[fallback] === undefined) skipped += 1
      cells.push(`${count(skipped)} (${eligible.length === 0 ? 0 : Math.round((100 * skipped) / eligible.length)}%)`)
    }
    rows.push([corpus.name, count(eligible.length), ...cells])
  }
  return [
    '### Selection short-cut: fallback calls spared',
    '',
    `Template messages of section 1 from ${MIN_COMPRESSION_BYTES} bytes up (below that the fallback never runs), emergency settings. A fallback call is spared when the template frame x 1.1 is at most the uncompressed frame and the fallback format's smallest possible frame: Brotli 1 + min(L + 4, 6) = 7 bytes, Zstandard 1 + 10, raw deflate 1 + 3 (src/codecs/payload-bounds.ts). Frames and methods are the same as without it (test/hybrid-shortcut.test.ts).`,
    '',
    renderTable(['corpus', 'messages >= 30 B', 'brotli calls spared', 'zstd_dict calls spared', 'deflate calls spared'], rows),
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeMachine())
  console.log('')
  console.log(await shortcutSection())
}
