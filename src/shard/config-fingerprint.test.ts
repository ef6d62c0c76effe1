/**
 * A derived entry's fingerprint leaves out the keys its derivation fills from the suite's corpora: it
 * hashed the whole measured corpus (named as its zstd_dict_training_corpus) in every shard, and a
 * corpus change read as "the file config X's zstd_dict_training_corpus names changed".
 */
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from '../suite/index.ts'
import { fingerprintInputs } from './config-fingerprint.ts'

const { write } = createTempTree('aura-fingerprint-')
write('corpora/m.txt', Array.from({ length: 40 }, (_, i) => `GET /item/${i} 200`).join('\n'))
write('configs/dict.yaml', 'name: dict\nfallback: zstd_dict\n')
write('configs/compress.sh', 'cat\n')
write('configs/ext.yaml', 'name: ext\nexternal_command: ["/bin/sh", "compress.sh"]\n')
write('configs/trained.yaml', 'name: trained\nfallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/m.txt\n')
const suite = write(
  'suite.yaml',
  [
    'name: s',
    'corpora: [{ path: corpora/m.txt, split: { train_fraction: 0.5, mode: ordered } }]',
    'configs:',
    '  - { path: configs/dict.yaml, zstd_dict_training: { split: train } }',
    '  - { path: configs/trained.yaml }',
    '  - { path: configs/ext.yaml }',
    '',
  ].join('\n'),
)

describe('fingerprintInputs', () => {
  it('hashes the files a config names, but not those a derived entry takes from the suite', async () => {
    const { configs } = await fingerprintInputs(await loadSuite(suite))
    expect(Object.keys(configs['dict'] ?? {})).toEqual(['config'])
    expect(Object.keys(configs['trained'] ?? {})).toEqual(['config', 'zstd_dict_training_corpus'])
  })

  it("hashes an external command's script in the config's folder, not an interpreter elsewhere (/bin/sh)", async () => {
    const { configs } = await fingerprintInputs(await loadSuite(suite))
    expect(Object.keys(configs['ext'] ?? {})).toEqual(['config', 'external_command[1]'])
  })
})
