/** The fast config the harness benchmarks use: expanded store, zstd_dict fallback at level 3 (a fast codec makes the harness's own cost stand out) with a dictionary from mixed messages. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from './fixtures.ts'
import { drawMixed, mixSources } from './mixed.ts'

/** Writes the fast config (and its 4,000-message training corpus, mixed from the corpora folder) into a folder; returns the config path. */
export function writeFastConfig(folder: string, corporaRoot: string): string {
  const training = path.join(folder, 'training.jsonl')
  writeFileSync(
    training,
    [...drawMixed(mixSources(corporaRoot), 4000, 99)].map(({ text }) => JSON.stringify({ text })).join('\n'),
  )
  const file = path.join(folder, 'bench-zstd-dict.yaml')
  const store = JSON.stringify(path.join(PROJECT_ROOT, 'configs', 'templates', 'expanded.json'))
  const lines = [
    'name: bench-zstd-dict',
    'fallback: zstd_dict',
    'zstd_dict_level: 3',
    `template_store_path: ${store}`,
    `zstd_dict_training_corpus: ${JSON.stringify(training)}`,
  ]
  writeFileSync(file, lines.join('\n'))
  return file
}
