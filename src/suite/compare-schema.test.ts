import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { createCostScenarios, defaultCompareSpec, parseSuite } from './index.ts'

const BASE = ['name: s', 'corpora: [../corpora/week1/messages.jsonl]', 'configs: [../configs/emergency.yaml]']

function parse(...lines: string[]) {
  return parseSuite([...BASE, ...lines].join('\n'), '/project/suites/s.yaml')
}

function issuesOf(...lines: string[]): string[] {
  try {
    parse(...lines)
  } catch (error) {
    if (error instanceof AuraError) return error.issues.map((i) => `${i.field ?? ''}: ${i.message}`)
    throw error
  }
  return []
}

describe('suite compare section', () => {
  it('fills every default from an empty section: all Brotli qualities, Zstandard 1-19, four dictionary sizes in KiB', () => {
    const spec = parse('compare: {}').compare
    expect(spec).toEqual(defaultCompareSpec())
    expect(spec?.brotliQualities).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(spec?.zstdNapiLevels).toHaveLength(19)
    expect(spec?.zstdDict.sizesBytes).toEqual([4096, 16384, 65536, 112640])
    expect(spec?.current).toEqual({ codec: 'brotli', level: 11 })
    expect(spec?.budgetsUs).toEqual([50, 500])
  })

  // s36-trial D8: `zstd_stream: []` was "must be a mapping, found a list" while `brotli: []` switches Brotli off
  it('takes [] as off for the families written as a mapping, as for the list families', () => {
    const off = parse(
      'compare:',
      '  brotli: []',
      '  zstd_dict: []',
      '  permessage_deflate: []',
      '  zstd_stream: []',
    ).compare
    const written = parse(
      'compare:',
      '  brotli: []',
      '  zstd_dict: { sizes_kb: [], levels: [] }',
      '  permessage_deflate: { levels: [] }',
      '  zstd_stream: { levels: [] }',
    ).compare
    expect(off).toEqual(written)
    expect([off?.zstdDict.levels, off?.permessageDeflate.levels, off?.zstdStream.levels]).toEqual([[], [], []])
    expect(issuesOf('compare:', '  zstd_stream: [3]')).toEqual(['compare.zstd_stream: must be a mapping, found a list'])
  })

  it('reads the settings written, and leaves compare absent when the suite has none', () => {
    const spec = parse(
      'compare:',
      '  zstd: [1, 3]',
      '  permessage_deflate: { levels: [1, 9], window_bits: 12 }',
      '  latency: { messages: 32 }',
      '  budgets_us: [20]',
    ).compare
    expect(spec?.zstdLevels).toEqual([1, 3])
    expect(spec?.permessageDeflate).toEqual({ levels: [1, 9], windowBits: 12, memLevel: 8 })
    expect(spec?.latency.messages).toBe(32)
    expect(spec?.budgetsUs).toEqual([20])
    expect(parse().compare).toBeUndefined()
  })

  it('names a misspelt key, a level out of range and a bad current codec, all at once', () => {
    const issues = issuesOf('compare:', '  brotly: [1]', '  zstd_napi: [0, 23]', '  current: { codec: lz4, level: 1 }')
    expect(issues.some((i) => i.includes('brotly') && i.includes('brotli'))).toBe(true)
    expect(issues.some((i) => i.startsWith('compare.zstd_napi'))).toBe(true)
    expect(issues.some((i) => i.startsWith('compare.current.codec') && i.includes('lz4'))).toBe(true)
  })

  it("checks current's level against its codec's own range (brotli 0-11, deflate 0-9, zstd 1-22)", () => {
    expect(issuesOf('compare: { current: { codec: brotli_native, level: 15 } }')).toEqual([
      'compare.current.level: brotli_native takes levels 0 to 11, found 15',
    ])
    expect(issuesOf('compare: { current: { codec: deflate, level: 12 } }')).toEqual([
      'compare.current.level: deflate takes levels 0 to 9, found 12',
    ])
    expect(issuesOf('compare: { current: { codec: zstd_napi, level: 0 } }')).toEqual([
      'compare.current.level: zstd_napi takes levels 1 to 22, found 0',
    ])
    expect(parse('compare: { current: { codec: zstd, level: 22 } }').compare?.current).toEqual({
      codec: 'zstd',
      level: 22,
    })
    expect(parse('compare: { current: { codec: deflate, level: 9 } }').compare?.current).toEqual({
      codec: 'deflate',
      level: 9,
    })
  })

  // s43-trial D1: compare's own hint wrote `current: { codec: permessage_deflate }` and validate refused it
  it('gives a level-less permessage_deflate current level 6, the form the stateful hint writes; other codecs still need one', () => {
    expect(parse('compare: { current: { codec: permessage_deflate } }').compare?.current).toEqual({
      codec: 'permessage_deflate',
      level: 6,
      takeover: true,
    })
    expect(
      parse('compare: { current: { codec: permessage_deflate, level: 9, takeover: false } }').compare?.current,
    ).toEqual({
      codec: 'permessage_deflate',
      level: 9,
      takeover: false,
    })
    expect(issuesOf('compare: { current: { codec: brotli } }')).toEqual([
      'compare.current.level: is required (a number)',
    ])
  })

  // s43-rev1 L5: a misspelt codec was also "level is required", as if the level were the problem
  it('says a misspelt current codec alone, with the closest name and the choices, not "level is required"', () => {
    for (const [written, closest] of [
      ['{ codec: permesage_deflate }', 'permessage_deflate'],
      ['{ codec: brotly }', 'brotli'],
      ['{ codec: brotly, level: 5 }', 'brotli'],
    ]) {
      const issues = issuesOf(`compare: { current: ${written} }`)
      expect(issues).toHaveLength(1)
      expect(issues[0]).toContain(`compare.current.codec: unknown value`)
      expect(issues[0]).toContain(`did you mean \`${closest}\`?`)
      expect(issues[0]).toContain('"permessage_deflate"')
    }
    // a known codec without its level still says so, and a level out of range is still named
    expect(issuesOf('compare: { current: { codec: zstd } }')).toEqual(['compare.current.level: is required (a number)'])
    expect(issuesOf('compare: { current: { codec: zstd, level: 30 } }')).toEqual([
      'compare.current.level: zstd takes levels 1 to 22, found 30',
    ])
  })

  it('caps memory_connections at replay --memory-connections cap (1000)', () => {
    expect(parse('compare: { memory_connections: 1000 }').compare?.memoryConnections).toBe(1000)
    const issues = issuesOf('compare: { memory_connections: 1001 }')
    expect(issues).toEqual(['compare.memory_connections: must be at most 1000, found 1001'])
  })

  it('refuses a setting listed twice, every repeat named at its index (it was measured twice, two same rows)', () => {
    const issues = issuesOf(
      'compare:',
      '  brotli: [5, 5, 5]',
      '  zstd: [1, 3, 3]',
      '  zstd_dict: { sizes_kb: [4, 4.0001], levels: [3, 3] }',
      '  permessage_deflate: { levels: [6, 6] }',
      '  budgets_us: [50, 50]',
    )
    expect(issues.map((i) => i.slice(0, i.indexOf(':')))).toEqual([
      'compare.brotli[1]',
      'compare.brotli[2]',
      'compare.zstd[2]',
      'compare.zstd_dict.sizes_kb[1]',
      'compare.zstd_dict.levels[1]',
      'compare.permessage_deflate.levels[1]',
      'compare.budgets_us[1]',
    ])
    expect(issues[2]).toBe(
      'compare.zstd[2]: level 3 is already listed at [1]: each setting is measured once; remove the repeat, or write the one you meant',
    )
    expect(issues[3]).toContain('size 4.0001 KiB (4096 bytes) is already listed at [0] (as 4)')
    // the same level in two codecs is two settings
    expect(parse('compare: { zstd: [3], zstd_napi: [3], zstd_stream: { levels: [3] } }').compare?.zstdLevels).toEqual([
      3,
    ])
  })
})

describe('suite cost section', () => {
  it('keeps a single overhead figure working and accepts a list: one scenario per messages/day and overhead', () => {
    const one = parse('cost: { messages_per_day: [1e8], price_per_gb: 0.1, overhead_bytes_per_message: 76 }').cost
    expect(one?.overheadBytesPerMessage).toEqual([76])
    const cost = parse(
      'cost: { messages_per_day: [1e8, 1e9], price_per_gb: 0.1, avg_message_bytes: 50, overhead_bytes_per_message: [0, 76] }',
    ).cost
    if (cost === undefined) throw new Error('no cost section')
    expect(createCostScenarios(cost)).toEqual([
      { messagesPerDay: 1e8, pricePerGb: 0.1, avgMessageBytes: 50, overheadBytesPerMessage: 0 },
      { messagesPerDay: 1e9, pricePerGb: 0.1, avgMessageBytes: 50, overheadBytesPerMessage: 0 },
      { messagesPerDay: 1e8, pricePerGb: 0.1, avgMessageBytes: 50, overheadBytesPerMessage: 76 },
      { messagesPerDay: 1e9, pricePerGb: 0.1, avgMessageBytes: 50, overheadBytesPerMessage: 76 },
    ])
    const bare = parse('cost: { messages_per_day: [1e8], price_per_gb: 0.1 }').cost
    if (bare === undefined) throw new Error('no cost section')
    expect(createCostScenarios(bare)).toEqual([{ messagesPerDay: 1e8, pricePerGb: 0.1 }])
  })
  it('takes a price of 0 as cost --price-per-gb 0 does, and refuses traffic of 0 and anything below 0 as the flags do', () => {
    const free = parse('cost: { messages_per_day: [1e8], price_per_gb: 0, price_per_cpu_hour: 0 }').cost
    expect(free).toMatchObject({ messagesPerDay: [1e8], pricePerGb: 0, pricePerCpuHour: 0 })
    // s36-trial D9: a day of 0 messages projects nothing (cost --messages-per-day 0 is E_USAGE)
    expect(issuesOf('cost: { messages_per_day: [0, -1], price_per_gb: -0.1, price_per_cpu_hour: -1 }')).toEqual([
      'cost.messages_per_day[0]: must be more than 0, found 0',
      'cost.messages_per_day[1]: must be more than 0, found -1',
      'cost.price_per_gb: must be at least 0, found -0.1',
      'cost.price_per_cpu_hour: must be at least 0, found -1',
    ])
  })
})

describe('dictionary sizes that would read alike or build nothing', () => {
  it('refuses a size that rounds to 0 bytes', () => {
    expect(issuesOf('compare:', '  zstd_dict: { sizes_kb: [0.0001] }')).toEqual([
      'compare.zstd_dict.sizes_kb[0]: rounds to a dictionary of 0 bytes: give at least 1/1024 KiB',
    ])
  })
})
