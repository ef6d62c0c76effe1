/**
 * Recorded connections of a corpus as compare and replay send them: messages grouped by their
 * recordings.tsv connection in a seeded order, and the warning for messages outside every recording.
 */
import { createRandom, shuffledCopy } from '../core/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'

/**
 * A corpus with recordings whose rows leave some messages out (gaps between rows): those messages are
 * pooled into one more connection by groupByConnection. Said in compare's and replay's warnings.
 */
export function unrecordedMessagesWarning(corpus: string, messages: readonly CorpusMessage[]): string | undefined {
  const unrecorded = messages.filter((m) => m.connection === undefined).length
  if (unrecorded === 0 || unrecorded === messages.length) return undefined
  return `corpus ${corpus}: ${unrecorded} of ${messages.length} measured messages lie outside every recordings.tsv row; they are replayed together as one extra connection`
}

/** Messages grouped by connection, each in corpus order; connections in a seeded order. Without recordings: one connection; messages outside every recording: one more. */
export function groupByConnection(messages: readonly CorpusMessage[], seed: number): CorpusMessage[][] {
  const groups = new Map<string, CorpusMessage[]>()
  for (const message of messages) {
    const key = message.connection ?? ''
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [message])
    else group.push(message)
  }
  return shuffledCopy([...groups.values()], createRandom(seed))
}
