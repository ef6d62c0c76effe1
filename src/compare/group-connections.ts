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
export function unrecordedMessagesWarning(
  corpus: string,
  messages: readonly CorpusMessage[],
  /** a recordings.tsv beside the corpus file (recordingsBeside), and whether its format reads it */
  recordingsFile?: { file: string; read: boolean; note?: string },
): string | undefined {
  const unrecorded = messages.filter((m) => m.connection === undefined).length
  // a recordings.tsv the corpus's format does not read, or whose rows all end before the measured part (a copy cut
  // short): every measured message would become one connection without a word (s34-trial D2, D7)
  if (recordingsFile !== undefined && !recordingsFile.read)
    return `corpus ${corpus}: ${recordingsFile.note ?? `${recordingsFile.file} is not read`}`
  if (recordingsFile !== undefined && unrecorded > 0 && unrecorded === messages.length)
    return `corpus ${corpus}: no row of ${recordingsFile.file} covers any of the ${messages.length} measured messages (do its rows stop early, e.g. a copy cut short?): they are replayed together as one connection`
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
