import { describe, expect, it } from 'vitest'
import type { StatefulOptions } from '../stateful/index.ts'
import { statefulFingerprint } from './load-stateful.ts'

const dictionary = new TextEncoder().encode('{"type":"delta","text":"shared"}\n'.repeat(20))
const zstd: StatefulOptions = { codec: 'zstd', level: 3, windowLog: 17, hashLog: 15, dictionary, fieldOperators: false }
const cm: StatefulOptions = { codec: 'cm', level: 3, windowLog: 16, hashLog: 18, dictionary, fieldOperators: false }

describe('statefulFingerprint (review of s34-fixt D3)', () => {
  it('is equal for ends that decode alike: settings only the sender reads are left out', () => {
    const fp = statefulFingerprint(zstd)
    expect(statefulFingerprint({ ...zstd, level: 19 })).toBe(fp)
    expect(statefulFingerprint({ ...zstd, hashLog: 20, chainLog: 21 })).toBe(fp)
    expect(statefulFingerprint({ ...zstd, largeMessageBytes: 4096 })).toBe(fp)
    const deflate: StatefulOptions = { ...zstd, codec: 'deflate', level: 6, windowLog: 15, memLevel: 8 }
    expect(statefulFingerprint({ ...deflate, level: 9, memLevel: 9 })).toBe(statefulFingerprint(deflate))
    expect(statefulFingerprint({ ...cm, level: 19 })).toBe(statefulFingerprint(cm))
  })

  it('differs where a receiver would decode otherwise: codec, window, cm table sizes, field operators, dictionary', () => {
    const fp = statefulFingerprint(cm)
    expect(statefulFingerprint({ ...cm, hashLog: 17 })).not.toBe(fp)
    expect(statefulFingerprint({ ...cm, windowLog: 17 })).not.toBe(fp)
    expect(statefulFingerprint({ ...cm, fieldOperators: true })).not.toBe(fp)
    expect(statefulFingerprint({ ...cm, dictionary: dictionary.subarray(1) })).not.toBe(fp)
    expect(statefulFingerprint({ ...cm, dictionary: null })).not.toBe(fp)
    expect(statefulFingerprint({ ...cm, codec: 'zstd' })).not.toBe(fp)
    expect(statefulFingerprint({ ...zstd, windowLog: 18 })).not.toBe(statefulFingerprint(zstd))
  })
})
