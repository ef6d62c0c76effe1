import { describe, expect, it } from 'vitest'
import { evaluateGroupingAccuracy, groupingErrors, parseGroundTruthCsv } from './index.ts'

describe('groupingErrors', () => {
  it('lists the merged and split events, largest first, and exactly the messages the accuracy counts wrong', () => {
    const truth = ['A', 'A', 'A', 'B', 'B', 'C', 'D', 'D', 'D']
    const discovered = ['g1', 'g1', 'g1', 'g2', 'g2', 'g2', 'g3', 'g4', 'g4']
    const errors = groupingErrors(discovered, truth)
    expect(errors.map((e) => e.event)).toEqual(['D', 'B', 'C'])
    expect(errors[0]?.groups).toEqual([
      { group: 'g4', messages: 2, otherEvents: [] },
      { group: 'g3', messages: 1, otherEvents: [] },
    ])
    expect(errors[1]?.groups).toEqual([{ group: 'g2', messages: 2, otherEvents: ['C'] }])
    const wrong = errors.reduce((sum, e) => sum + e.messages, 0)
    expect(wrong).toBe(truth.length - evaluateGroupingAccuracy(discovered, truth).correctMessages)
  })
})

describe('evaluateGroupingAccuracy', () => {
  it('counts a message only when its group is exactly its event', () => {
    // events: A = {0,1,2}, B = {3,4}, C = {5}, D = {6,7}
    const truth = ['A', 'A', 'A', 'B', 'B', 'C', 'D', 'D']
    // g1 = A exactly; g2 = B plus C (merged: neither counts); g3 and g4 split D (neither counts)
    const discovered = ['g1', 'g1', 'g1', 'g2', 'g2', 'g2', 'g3', 'g4']
    const score = evaluateGroupingAccuracy(discovered, truth)
    expect(score.correctMessages).toBe(3)
    expect(score.accuracy).toBeCloseTo(3 / 8)
    expect(score.exactGroups).toBe(1)
    expect(score.discoveredGroups).toBe(4)
    expect(score.truthGroups).toBe(4)
  })

  it('gives 1 for a perfect grouping whatever the labels are called', () => {
    expect(evaluateGroupingAccuracy(['x', 'y', 'x', 'z'], ['E1', 'E2', 'E1', 'E3']).accuracy).toBe(1)
  })

  it('does not count a pure group that holds only part of its event', () => {
    // every group is pure, but event A is split in two: its 4 messages are wrong, B's 2 are right
    const score = evaluateGroupingAccuracy(['a1', 'a1', 'a2', 'a2', 'b', 'b'], ['A', 'A', 'A', 'A', 'B', 'B'])
    expect(score.correctMessages).toBe(2)
  })

  it('refuses lists of different lengths', () => {
    expect(() => evaluateGroupingAccuracy(['a'], ['A', 'B'])).toThrow(/same messages/)
  })
})

describe('parseGroundTruthCsv', () => {
  it('reads EventId and LineId of a Loghub structured CSV', () => {
    const text =
      'LineId,Date,Time,Content,EventId,EventTemplate\n1,17/06/09,20:10:40,"Changing view acls to: yarn,curi",E5,Changing view acls to: <*>\n2,17/06/09,20:10:41,"a, b",E6,"x, <*>"\n'
    expect(parseGroundTruthCsv(text, 'Spark_2k.log_structured.csv')).toEqual({
      eventIds: ['E5', 'E6'],
      lineIds: [1, 2],
      contents: ['Changing view acls to: yarn,curi', 'a, b'],
    })
  })

  it('numbers rows itself when there is no LineId column', () => {
    expect(parseGroundTruthCsv('EventId\nE1\nE2\n', 'x.csv').lineIds).toEqual([1, 2])
  })

  it('names the file when the EventId column is missing', () => {
    expect(() => parseGroundTruthCsv('LineId,Content\n1,x\n', 'bad.csv')).toThrow(/bad\.csv has no EventId column/)
  })

  it('refuses a row one field short, whose EventId would be read from the wrong column (trial finding)', () => {
    const text = 'LineId,Content,EventId,EventTemplate\n1,hello,E1,hello\n2,E2,hello\n'
    expect(() => parseGroundTruthCsv(text, 'short.csv')).toThrow(
      /row 2 has 3 fields where the header has 4: its EventId column cannot be told/,
    )
  })

  it('reports a row without an event id', () => {
    expect(() => parseGroundTruthCsv('LineId,EventId\n1,E1\n2\n', 'short.csv')).toThrow(/row 2/)
  })
})
