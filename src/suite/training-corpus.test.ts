import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { parseCompressorConfig } from './config.ts'

function issuesOf(text: string): string[] {
  try {
    parseCompressorConfig(text, '/c/dict.yaml')
  } catch (error) {
    if (error instanceof AuraError) return error.issues.map((i) => `${i.field}: ${i.message}`)
    throw error
  }
  return []
}

describe('zstd_dict_training_format and zstd_dict_training_text_field', () => {
  it('say how the training corpus is read', () => {
    const config = parseCompressorConfig(
      'fallback: zstd_dict\nzstd_dict_training_corpus: events.jsonl\nzstd_dict_training_text_field: msg\n',
      '/c/dict.yaml',
    )
    expect(config.zstdDictTrainingReading).toEqual({ format: 'auto', textField: 'msg' })
    const plain = parseCompressorConfig('fallback: zstd_dict\nzstd_dict_training_corpus: a.log\n', '/c/dict.yaml')
    expect(plain.zstdDictTrainingReading).toBeUndefined()
    const txt = parseCompressorConfig(
      'fallback: zstd_dict\nzstd_dict_training_corpus: a.log\nzstd_dict_training_format: txt\n',
      '/c/dict.yaml',
    )
    expect(txt.zstdDictTrainingReading).toEqual({ format: 'txt', textField: 'text' })
  })

  it('are refused where they would be ignored, and checked like a suite corpus', () => {
    expect(issuesOf('fallback: zstd_dict\nzstd_dict_path: d.bin\nzstd_dict_training_text_field: msg\n')).toEqual([
      'zstd_dict_training_text_field: zstd_dict_training_text_field says how zstd_dict_training_corpus is read, and this config names no zstd_dict_training_corpus: remove it, it would be ignored',
    ])
    expect(
      issuesOf(
        'fallback: zstd_dict\nzstd_dict_training_corpus: a.log\nzstd_dict_training_format: loghub\nzstd_dict_training_text_field: msg\n',
      ),
    ).toEqual([expect.stringMatching(/^zstd_dict_training_text_field: .*a loghub file has none/)])
    expect(issuesOf('fallback: zstd_dict\nzstd_dict_training_corpus: a\nzstd_dict_training_format: csv\n')).toEqual([
      expect.stringMatching(/^zstd_dict_training_format: /),
    ])
    expect(issuesOf('fallback: zstd_dict\nzstd_dict_training_corpus: a\nzstd_dict_training_text_field: ""\n')).toEqual([
      expect.stringMatching(/^zstd_dict_training_text_field: /),
    ])
  })
})
