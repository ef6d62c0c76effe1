import { describe, expect, it } from 'vitest'
import { detectHeader } from './discovery-header-shape.ts'
import { createMatcher, discoverTemplates, evaluateGroupingAccuracy } from './index.ts'

/** Lines whose thread field comes in two token shapes: the header varies, the content says the same. */
function threadedLog(): { lines: string[]; events: string[] } {
  const lines: string[] = []
  const events: string[] = []
  for (let i = 0; i < 80; i++) {
    const thread = i % 2 === 0 ? `CommitProcessor:${i % 3}` : `QuorumPeer[myid=${i % 3}]/0.0.0.0:2181`
    const [event, content] =
      i % 4 < 2
        ? ['session', `Established session 0x${(1000 + i).toString(16)} with timeout ${i * 10}`]
        : ['closed', `Closed socket connection for client /10.0.0.${i % 9}:${40000 + i}`]
    lines.push(
      `2015-07-29 17:41:${String(i % 60).padStart(2, '0')},${100 + i} - INFO  [${thread}:Server@${500 + (i % 2)}] - ${content}`,
    )
    events.push(event)
  }
  return { lines, events }
}

/** Multi-line records of `name: value` fields (the first one the record's kind): no log header in them. */
function fieldRecord(i: number): string {
  const kind = ['queued', 'started', 'finished'][i % 3] as string
  return `kind: ${kind}\nref: job-${1000 + i}:${i % 7}\nbody: worker ${i % 5} took ${i * 3} ms on shard ${i % 11}\n`
}

describe('header detection by shape (no log_format)', () => {
  it('finds where the header ends, for the usual terminators', () => {
    expect(detectHeader(threadedLog().lines)).toMatchObject({ terminator: ' - ', occurrence: 2 })
    expect(
      detectHeader([
        '[Sun Dec 04 04:47:44 2005] [notice] init ok',
        '[Sun Dec 04 04:47:45 2005] [error] child 6 in error state',
      ]),
    ).toMatchObject({ terminator: '] ', occurrence: 2 })
    expect(
      detectHeader([
        '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579',
        '20171223-22:15:29:615|Step_LSC|30002312|onExtend:1514 14 0 4',
      ]),
    ).toMatchObject({ terminator: '|', occurrence: 3 })
    expect(
      detectHeader([
        'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster',
        'Dec 10 06:55:47 LabSZ sshd[24201]: Connection closed by 1.2.3.4',
      ]),
    ).toMatchObject({ terminator: ': ', occurrence: 1 })
  })

  it('finds none when the lines share no closed header', () => {
    expect(detectHeader(['idle', 'link up', 'link down'])).toBeUndefined()
    expect(detectHeader(['{"id":1,"event":"a"}', '{"id":2,"event":"b"}'])).toBeUndefined()
    // one line in three has the terminator: below the coverage a header needs
    expect(detectHeader(['job 1 started', 'job 2 stopped', 'warning: disk 3 full'])).toBeUndefined()
  })

  it('finds no header across a line break, nor one that is the same text on every line', () => {
    // the 3rd ": " closes the record's third line: field names of several lines are no log header
    expect(detectHeader(Array.from({ length: 90 }, (_, i) => fieldRecord(i)))).toBeUndefined()
    // "status: " starts every line word for word: literal text, not a header with fields
    expect(detectHeader(Array.from({ length: 90 }, (_, i) => `status: job ${i} done in ${i % 13} s`))).toBeUndefined()
    // a header on the first line of multi-line messages is still found, not one closed on a later line
    const traces = Array.from({ length: 90 }, (_, i) => `t${i} host${i % 4}: failed ${i}\n  at frame: ${i % 9}`)
    expect(detectHeader(traces)).toMatchObject({ terminator: ': ', occurrence: 1 })
    // a constant first field with a varying one after it: the header is up to the varying one
    const tagged = Array.from({ length: 90 }, (_, i) => `app: t${i}: job ${i} done`)
    expect(detectHeader(tagged)).toMatchObject({ terminator: ': ', occurrence: 2 })
  })

  it('finds no header across a bare carriage return either (a line end SSE allows; review s36-review4)', () => {
    const crRecords = Array.from({ length: 90 }, (_, i) => `kind: tick\rref: job-${i}:${i % 7}\rbody: {"n":${i}}`)
    expect(detectHeader(crRecords)).toBeUndefined()
    const crlfRecords = Array.from({ length: 90 }, (_, i) => `kind: tick\r\nref: job-${i}:${i % 7}\r\nbody: {"n":${i}}`)
    expect(detectHeader(crlfRecords)).toBeUndefined()
  })

  it('makes no slot-first twin of the templates of multi-line records: each record matches one template', () => {
    const { store } = discoverTemplates(Array.from({ length: 90 }, (_, i) => fieldRecord(i)))
    expect(store.provenance[0]?.options.detectedHeader).toBeUndefined()
    expect(store.templates.filter((t) => t.pattern.startsWith('{0}'))).toEqual([])
    const matcher = createMatcher(store)
    for (let i = 200; i < 212; i++) expect(matcher.match(fieldRecord(i))).toHaveLength(1)
  })

  it('treats a line without the header terminator as all content', () => {
    const header = detectHeader(Array.from({ length: 200 }, (_, i) => `t${i} host: message ${i}`))
    expect(header?.contentStart('t1 host: message 1')).toBe('t1 host: '.length)
    expect(header?.contentStart('no terminator here')).toBeUndefined()
  })

  it('groups lines whose header fields differ in shape by their content (one event each), which whole-line clustering split', () => {
    const { lines, events } = threadedLog()
    const detected = discoverTemplates(lines)
    expect(evaluateGroupingAccuracy(detected.events, events).accuracy).toBe(1)
    expect(detected.store.provenance[0]?.options.detectedHeader).toBe('up to occurrence 2 of " - "')
    const wholeLine = discoverTemplates(lines, { detectHeader: false })
    expect(evaluateGroupingAccuracy(wholeLine.events, events).accuracy).toBeLessThan(1)
  })
})
