import { describe, expect, it } from 'vitest'
import { tryDecodeUtf8 } from '../core/index.ts'
import {
  constantDates,
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  parseTemplateStore,
} from './index.ts'

const OPTIONS = { corpus: 'devices.log', createdAt: '2026-12-07T00:00:00.000Z' }

/** A small deterministic generator (mulberry32), so the lines are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Device lines stamped with an ISO timestamp from `start`, a few seconds apart: an hour or two of one day,
 * so the year, month and day are constant and the hour takes two or three values (fewer than make the
 * hour's letters and digits structure: the token `2026-12-01T00` is cut by its common prefix).
 */
function deviceLog(start: string, count: number, seed: number): string[] {
  const next = random(seed)
  let time = Date.parse(start)
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    time += 50 + Math.floor(next() * 12000)
    const ts = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const device = `gw-${1000 + Math.floor(next() * 200)}`
    const temp = (15 + next() * 15).toFixed(1)
    if (next() < 0.5) lines.push(`ts=${ts} dev=${device} temp=${temp} rssi=-${40 + Math.floor(next() * 50)}`)
    else lines.push(`${ts},${device},pm25,${(next() * 500).toFixed(2)},ok`)
  }
  return lines
}

describe('a store discovered from one month matches the next month (issue 12, s35-trial D1)', () => {
  const december = deviceLog('2026-12-01T00:00:00Z', 1500, 1)
  const january = deviceLog('2027-01-05T00:00:00Z', 300, 2)
  const { store } = discoverTemplates(december, OPTIONS)
  const matcher = createMatcher(store)

  it('keeps no digit of the date in any template literal text', () => {
    expect(store.templates.length).toBeGreaterThan(0)
    for (const template of store.templates) expect(template.pattern.replace(/\{\d+\}/g, '')).not.toMatch(/\d/)
  })

  it('matches every held-out line of the next month and decodes it byte for byte', () => {
    let matched = 0
    for (const line of january) {
      const encoding = encodeBinarySemantic(matcher, line)
      if (encoding === undefined) continue
      matched++
      expect(tryDecodeUtf8(decodeBinarySemantic(store, encoding.templateId, encoding.body))).toBe(line)
    }
    expect(matched).toBe(january.length)
  })
})

describe('constantDates', () => {
  const store = (patterns: string[]) =>
    parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'dates',
        templates: patterns.map((pattern, id) => ({
          id: id + 1,
          pattern,
          slots: Array.from(pattern.matchAll(/\{\d+\}/g), () => ({ type: 'auto' })),
        })),
      },
      'dates.json',
    )

  it('finds a year and month, a whole date, or a year joined to a slot in literal text, and no other number', () => {
    const found = constantDates(
      store([
        'ts=2026-12-{0}:{1}Z dev={2}',
        '{0} backup of 2025/01/31 done',
        'on 7.3.2026 at {0}',
        'ts={0} dev={1}',
        'HTTP/1.1 {0} port 22 fw 1.4.2 build 2026 id 12026-12-9',
        'version 20.04 {0}',
        '[{0}/2026:{1}:{2}] GET',
        '2026-{0} and 2026 {1}',
      ]),
    )
    expect(found.map(({ id, date, period }) => [id, date, period])).toEqual([
      [1, '2026-12', 'month'],
      [2, '2025/01/31', 'day'],
      [3, '7.3.2026', 'day'],
      [7, '2026', 'year'],
      [8, '2026', 'year'],
    ])
  })
})

/** Encodes each line with the store's matcher: its body size, or undefined when no template takes it; each decode is checked byte for byte. */
function bodySizes(
  store: ReturnType<typeof discoverTemplates>['store'],
  lines: readonly string[],
): (number | undefined)[] {
  const matcher = createMatcher(store)
  return lines.map((line) => {
    const encoding = encodeBinarySemantic(matcher, line)
    if (encoding === undefined) return undefined
    expect(tryDecodeUtf8(decodeBinarySemantic(store, encoding.templateId, encoding.body))).toBe(line)
    return encoding.body.length
  })
}

/** Syslog (RFC 3164) lines of the days from `first` to `last` of December: `Dec  6 00:00:01 host prog[pid]: ...`, the day space-padded. */
function syslog(first: number, last: number, count: number, seed: number): string[] {
  const next = random(seed)
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const day = first + Math.floor((i * (last - first + 1)) / count)
    const time = [24, 60, 60].map((n) => String(Math.floor(next() * n)).padStart(2, '0')).join(':')
    const host = `edge-${1 + Math.floor(next() * 6)}`
    const pid = 1000 + Math.floor(next() * 9000)
    const body =
      next() < 0.5
        ? `session opened for user u${Math.floor(next() * 500)} by uid=${Math.floor(next() * 100)}`
        : `connection closed by 10.0.${Math.floor(next() * 255)}.${Math.floor(next() * 255)} port ${1024 + Math.floor(next() * 60000)}`
    lines.push(`Dec ${String(day).padStart(2, ' ')} ${time} ${host} sshd[${pid}]: ${body}`)
  }
  return lines
}

describe('a syslog store discovered on days 1-9 matches days 10-31 (issue 12, s38-trial D2)', () => {
  const training = syslog(3, 6, 800, 3)
  const { store } = discoverTemplates(training, OPTIONS)
  const held = syslog(3, 6, 200, 4)

  it('keeps the padding space with the day, not as literal text', () => {
    for (const template of store.templates) expect(template.pattern).not.toContain('  ')
  })

  it('matches a line of the 16th or the 31st as the same line of the 6th, in as many bytes, byte-exact', () => {
    const sizes = bodySizes(store, held)
    expect(sizes.every((size) => size !== undefined)).toBe(true)
    for (const day of ['16', '31', ' 1']) {
      const moved = held.map((line) => `Dec ${day}${line.slice(6)}`)
      expect(bodySizes(store, moved)).toEqual(sizes)
    }
  })
})

/** Access-log lines of one day, the date written as one token in `form` (`06/Dec/2026`, `2026/12/06`, `06.12.2026`). */
function oneTokenDates(date: string, count: number, seed: number): string[] {
  const next = random(seed)
  return Array.from({ length: count }, () => {
    const time = [24, 60, 60].map((n) => String(Math.floor(next() * n)).padStart(2, '0')).join(':')
    const ip = `10.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}`
    const status = ['200', '304', '404'][Math.floor(next() * 3)]
    return `${ip} - - [${date}:${time} +0000] "GET /api/v1/items/${Math.floor(next() * 90000)} HTTP/1.1" ${status} ${Math.floor(next() * 9000)}`
  })
}

describe('a date written as one token, one day of training, matches other days and months (issue 12, s39-trial D1)', () => {
  const cases = [
    { form: '06/Dec/2026', later: ['16/Dec/2026', '05/Jan/2026', '28/Feb/2026'] },
    { form: '06-Dec-2026', later: ['16-Dec-2026', '05-Jan-2026'] },
    { form: '2026/12/06', later: ['2026/12/16', '2026/01/05'] },
    { form: '06.12.2026', later: ['16.12.2026', '05.01.2026'] },
  ]
  for (const { form, later } of cases)
    it(`${form}: its day, month and year are slots, and another day or month costs no more bytes`, () => {
      const { store } = discoverTemplates(oneTokenDates(form, 600, 5), OPTIONS)
      const mark = `\\${form.includes('/') ? '/' : form.includes('-') ? '-' : '.'}`
      const cut = new RegExp(`\\[\\{\\d+\\}${mark}\\{\\d+\\}${mark}\\{\\d+\\}:`)
      expect(store.templates.length).toBeGreaterThan(0)
      // each template has the date cut, or is the fallback with the date one slot (s40-ga: a later `never`)
      for (const template of store.templates)
        expect(template.pattern).toMatch(new RegExp(`${cut.source}|\\[\\{\\d+\\}:`))
      expect(store.templates.some((template) => cut.test(template.pattern))).toBe(true)
      const held = oneTokenDates(form, 100, 6)
      const sizes = bodySizes(store, held)
      expect(sizes.every((size) => size !== undefined)).toBe(true)
      // a later day or month costs at most 3 bytes more than training's own date, which its fallback's enum may take in one
      // (the cut's three slots; before the cut the escape cost about 12 more): never an escape of the whole date
      for (const date of later) {
        const other = bodySizes(
          store,
          held.map((line) => line.replace(form, date)),
        )
        expect(other.every((size, i) => size !== undefined && size <= (sizes[i] as number) + 3)).toBe(true)
      }
    })

  it('a later value of a date field that is no date (`never`, `-`) still matches a template (s39-rev1 #2, s40-ga)', () => {
    const { store } = discoverTemplates(oneTokenDates('06/Dec/2026', 600, 5), OPTIONS)
    const held = oneTokenDates('06/Dec/2026', 30, 6)
    for (const value of ['never', '-', '16/Dec/2026'])
      expect(
        bodySizes(
          store,
          held.map((line) => line.replace('06/Dec/2026', value)),
        ).every((size) => size !== undefined),
      ).toBe(true)
  })

  it('cuts an unpadded dotted date before a time of day (de-DE `7.3.2026 14:05:09`), a month later costs the same (s39-rev2 F6)', () => {
    const next = random(9)
    const lines = (date: string, count: number): string[] =>
      Array.from(
        { length: count },
        (_, i) =>
          `${date} ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')} INFO auth: user u${Math.floor(next() * 9)} logged in session ${Math.floor(next() * 1e6)}`,
      )
    const { store } = discoverTemplates(lines('7.3.2026', 600), OPTIONS)
    expect(store.templates.some((template) => template.pattern.startsWith('{0}.{1}.{2} {3}:'))).toBe(true)
    const held = lines('9.4.2026', 100)
    const sizes = bodySizes(store, held)
    expect(sizes.every((size) => size !== undefined)).toBe(true)
    expect(
      bodySizes(
        store,
        held.map((line) => line.replace('9.4.2026', '15.11.2026')),
      ),
    ).toEqual(sizes)
  })

  it('leaves version numbers with a year-like part whole (3.1.2024, 2023.3.4): a constant version is one slot', () => {
    for (const version of ['3.1.2024', '2023.3.4', '2017.4.17']) {
      const { store } = discoverTemplates(oneTokenDates(version, 600, 5), OPTIONS)
      expect(store.templates.length).toBeGreaterThan(0)
      for (const template of store.templates) expect(template.pattern).toMatch(/\[\{\d+\}:\{\d+\}:/)
    }
    // nor before a time of day, unless day.month.year (a version with the year last and a month-like middle is read as a date)
    const next = random(3)
    const versions = Array.from(
      { length: 300 },
      () =>
        `agent 2023.3.4 ${String(Math.floor(next() * 24)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')} started ${Math.floor(next() * 900)} plugins`,
    )
    const { store } = discoverTemplates(versions, OPTIONS)
    for (const template of store.templates) expect(template.pattern).not.toMatch(/\{\d+\}\.\{\d+\}\.\{\d+\}/)
  })

  it('leaves an ISO date whole, one slot (a timestamp type takes it)', () => {
    const { store } = discoverTemplates(oneTokenDates('2026-12-06', 600, 5), OPTIONS)
    expect(store.templates.length).toBeGreaterThan(0)
    for (const template of store.templates) expect(template.pattern).toMatch(/\[\{\d+\}:\{\d+\}:/)
  })
})
