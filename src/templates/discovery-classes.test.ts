/**
 * Slot types for values whose class is known from one example (issue 12: a store learnt on the first
 * half of a log meets later dates). Each test fails without its rule: the later value escapes the
 * enum of the values seen and costs its text.
 */
import { describe, expect, it } from 'vitest'
import { closedClassOf } from './discovery-classes.ts'
import { inferSlotSpec } from './discovery-slots.ts'
import { createMatcher, discoverTemplates, encodeBinarySemantic } from './index.ts'

/** Body bytes of the smallest encoding of a message, or undefined when no template takes it. */
function bodyBytes(messages: readonly string[], message: string): number | undefined {
  const { store } = discoverTemplates(messages)
  return encodeBinarySemantic(createMatcher(store), message)?.body.length
}

describe('closed classes (month and weekday names)', () => {
  it('finds the one class and letter case that holds every value', () => {
    expect(closedClassOf(['Jun', 'Jul'])?.slice(0, 2)).toEqual(['Jan', 'Feb'])
    expect(closedClassOf(['SUN'])).toContain('MON')
    expect(closedClassOf(['june'])).toContain('july')
    expect(closedClassOf(['Jun', 'JUL'])).toBeUndefined()
    expect(closedClassOf(['Jun', 'Monday'])).toBeUndefined()
    expect(closedClassOf(['Junk'])).toBeUndefined()
  })

  it('takes space-padded days of the month as the padded days, and days without padding as no class', () => {
    const days = closedClassOf([' 6', ' 7'])
    expect(days).toHaveLength(31)
    expect(days?.slice(0, 2)).toEqual([' 1', ' 2'])
    expect(days?.slice(-2)).toEqual(['30', '31'])
    expect(closedClassOf([' 6', '16'])).toBe(days)
    expect(closedClassOf(['16', '17'])).toBeUndefined()
    expect(closedClassOf([' 6', '06'])).toBeUndefined()
    expect(closedClassOf([' 6', '32'])).toBeUndefined()
  })

  it('lists the whole class in the enum, the names seen first', () => {
    const spec = inferSlotSpec(['Jun', 'Jun', 'Jun'], false)
    expect(spec).toMatchObject({ type: 'enum', other: 'auto' })
    expect(spec.type === 'enum' && spec.values).toEqual([
      'Jun',
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ])
  })

  it('codes a month training never saw in as few bytes as the month it saw', () => {
    const line = (month: string, i: number): string =>
      `${month} 14 15:16:${String(i % 60).padStart(2, '0')} combo cron[${1000 + i}]: job ${i % 7} finished`
    const training = Array.from({ length: 50 }, (_, i) => line('Jun', i))
    expect(bodyBytes(training, line('Jul', 3))).toBe(bodyBytes(training, line('Jun', 3)))
  })
})

describe('zero-padded digits of one width', () => {
  it('types a padded value seen alone as a fixed-width integer, not an enum of it', () => {
    expect(inferSlotSpec(['081109', '081109'], false)).toEqual({ type: 'integer', width: 6 })
    expect(inferSlotSpec(['07', '07', '08'], false)).toEqual({ type: 'integer', width: 2 })
    // no leading zero: nothing says the width is fixed
    expect(inferSlotSpec(['1109', '1109'], false).type).toBe('enum')
  })

  it('codes a later date in as few bytes as the date training saw', () => {
    const line = (date: string, i: number): string =>
      `${date} ${String(200000 + i * 37)} ${100 + (i % 9)} INFO dfs.DataNode: Receiving block blk_${7000 + i}`
    const training = Array.from({ length: 50 }, (_, i) => line('081109', i))
    const seen = bodyBytes(training, line('081109', 3)) as number
    expect(bodyBytes(training, line('081110', 3))).toBe(seen)
  })
})

describe('edits of listed values (similar enums)', () => {
  // a proxy log: the training half sees one date and a few dozen hosts; the second half has a later
  // date and hosts never seen whose domains were (issue 12: Proxifier's misses against zstd_dict)
  // too many hosts to name events, of several label counts (so a host is one slot value, not split at its dots)
  const hosts = ['example.com', 'sample.org', 'other.net', 'site.io'].flatMap((domain) =>
    ['www', 'img.cdn', 'api', 'static.eu', 'mail', 'login.secure.eu'].map((name) => `${name}.${domain}`),
  )
  const line = (date: string, host: string, i: number): string =>
    `[${date} 13:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}] chrome.exe - ${host}:443 close, ${100 + ((i * 37) % 900)} bytes sent`
  const training = Array.from({ length: 96 }, (_, i) => line('10.30', hosts[i % hosts.length] as string, i))

  it('marks the open enums discovery types as taking edits', () => {
    expect(
      inferSlotSpec(
        ['a.example.com', 'b.example.com', 'a.example.com', 'c.example.com', 'c.example.com', 'd.x'],
        false,
      ),
    ).toMatchObject({ type: 'enum', other: 'auto', similar: true })
  })

  it('codes a later date of the training shape in 2 bytes more than the listed one, not its text', () => {
    const seen = bodyBytes(training, line('10.30', 'www.example.com', 3)) as number
    expect(bodyBytes(training, line('07.27', 'www.example.com', 3))).toBeLessThanOrEqual(seen + 2)
  })

  it('codes a new host by the suffix it shares with a listed one', () => {
    const seen = bodyBytes(training, line('10.30', 'www.example.com', 3)) as number
    // `blog` and 3 bytes of edit (head, prefix, suffix) and its length, where the escape sends 1 + 1 + 16
    expect(bodyBytes(training, line('10.30', 'blog.example.com', 3))).toBeLessThanOrEqual(seen + 3 + 1 + 4)
  })
})
