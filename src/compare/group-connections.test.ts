import { describe, expect, it } from 'vitest'
import type { CorpusMessage } from '../corpus/index.ts'
import { groupByConnection, unrecordedMessagesWarning } from './group-connections.ts'

const message = (index: number, connection?: string): CorpusMessage => ({
  index,
  bytes: new Uint8Array([index]),
  ...(connection === undefined ? {} : { connection }),
})

describe('messages outside every recordings.tsv row', () => {
  const messages = [message(0, 'a'), message(1, 'a'), message(2), message(3), message(4, 'b'), message(5)]

  it('are pooled into one extra connection, and the warning says how many', () => {
    const groups = groupByConnection(messages, 1)
    expect(groups.map((g) => g.map((m) => m.index)).sort()).toEqual([[0, 1], [2, 3, 5], [4]])
    expect(unrecordedMessagesWarning('ws', messages)).toBe(
      'corpus ws: 3 of 6 measured messages lie outside every recordings.tsv row; they are replayed together as one extra connection',
    )
  })

  it('no warning when every message, or none (no recordings), has a connection', () => {
    expect(unrecordedMessagesWarning('ws', messages.slice(0, 2))).toBeUndefined()
    expect(unrecordedMessagesWarning('ws', messages.slice(2, 4))).toBeUndefined()
  })

  it('a recordings.tsv beside the corpus that covers none of the measured messages, or is not read, is said (s34-trial D2, D7)', () => {
    const none = messages.slice(2, 4)
    expect(unrecordedMessagesWarning('ws', none, { file: 'd/recordings.tsv', read: true })).toBe(
      'corpus ws: no row of d/recordings.tsv covers any of the 2 measured messages (do its rows stop early, e.g. a copy cut short?): they are replayed together as one connection',
    )
    expect(unrecordedMessagesWarning('ws', none, { file: 'd/recordings.tsv', read: false, note: 'not read' })).toBe(
      'corpus ws: not read',
    )
    expect(
      unrecordedMessagesWarning('ws', messages.slice(0, 2), { file: 'd/recordings.tsv', read: true }),
    ).toBeUndefined()
  })
})
