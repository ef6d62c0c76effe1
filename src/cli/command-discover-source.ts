/**
 * The corpus of `discover` as discovery reads it (MessageSource): the file is streamed again for
 * each pass discovery asks for, never held, so a large JSONL corpus costs its working set, not its
 * size. The first read numbers the messages (those that are not valid UTF-8, or empty, are left out
 * and counted) and records each one's file line and its index in the corpus; later reads skip the
 * lines discovery does not ask for without decoding them (the corpus reader's share). Every read
 * must find the file the first one read (E_INPUT_CHANGED otherwise).
 *
 * A Loghub log (`format: loghub`, or a `.log` by its extension) is read as its lines (txt): discovery
 * uses no category, and the `<file>_structured.csv` the loghub format loads beside it cost more than
 * all of discovery (100k distinct nginx lines: peak RSS 795 -> 220 MB, the store byte for byte the
 * same). `discover --evaluate` reads a ground truth of its own (command-discover-truth.ts).
 */
import { AuraError, collectGarbage, InputFingerprints, tryDecodeUtf8 } from '../core/index.ts'
import { resolveCorpusFormat, streamCorpus, type CorpusFormat, type CorpusOptions } from '../corpus/index.ts'
import type { MessageSource, ReadRequest } from '../templates/index.ts'

/** What the first read found. */
export interface FirstRead {
  readonly messages: number
  /** messages left out: not valid UTF-8, or empty */
  readonly skipped: number
  /** the 1-based file line of each message (undefined for a format without lines) */
  readonly lines: readonly (number | undefined)[]
}

/** Hooks of a discover corpus. */
export interface CorpusHooks {
  /** each message of the first read, with its line */
  readonly onMessage?: (text: string, index: number, line: number | undefined) => void
  /** after the first read (it may throw: the run stops before discovery computes anything) */
  readonly onFirstRead?: (first: FirstRead) => void
  /** asked before each read and every 10,000 messages: true stops the run (the read throws `stop`) */
  readonly stopped?: () => boolean
}

/** Thrown by a read when `stopped` says so. */
export const READ_STOPPED = new Error('discover: stopped between reads')

/** The corpus at `options.path` as a source read once per pass (see the file comment). */
export function openDiscoverCorpus(options: CorpusOptions, hooks: CorpusHooks = {}): MessageSource {
  const fingerprints = new InputFingerprints()
  // keepText off: with it (each jsonl message also as its string) peak RSS read higher than without in 3 of 3
  // idle pairs at stop 36 (docs/contracts.md, round 36), for no clear CPU gain
  const corpus: CorpusOptions = {
    ...options,
    ...(readsLoghub(options) ? { format: 'txt' } : {}),
    fingerprints,
    keepText: false,
  }
  const lines: (number | undefined)[] = []
  // the discovery index of each corpus index (-1: left out), known after the first read
  let indexOf: Int32Array | undefined
  const checkStop = (): void => {
    if (hooks.stopped?.() === true) throw READ_STOPPED
  }
  return {
    async read(request: ReadRequest) {
      checkStop()
      if (indexOf === undefined) indexOf = await firstRead(request)
      else {
        // what the last pass left is garbage now: collected here, the next pass reuses its space
        // instead of growing the heap (100k JSON messages: peak RSS 185-189 -> 161-163 MB, same CPU)
        collectGarbage()
        await laterRead(indexOf, request)
      }
    },
  }

  async function firstRead({ wants, visit }: ReadRequest): Promise<Int32Array> {
    const byCorpusIndex: number[] = []
    let skipped = 0
    for await (const message of streamCorpus(corpus)) {
      const text = message.text ?? tryDecodeUtf8(message.bytes)
      if (text === undefined || text === '') {
        skipped++
        continue
      }
      const index = lines.length
      if (index % 10_000 === 0) checkStop()
      byCorpusIndex[message.index] = index
      lines.push(message.line)
      hooks.onMessage?.(text, index, message.line)
      if (wants === undefined || wants(index)) visit(text, index)
    }
    if (lines.length === 0)
      throw new AuraError('E_CORPUS_EMPTY', `corpus ${options.path} has no text message to learn templates from`, {
        file: options.path,
      })
    hooks.onFirstRead?.({ messages: lines.length, skipped, lines })
    return Int32Array.from(byCorpusIndex, (index) => index ?? -1)
  }

  async function laterRead(byCorpusIndex: Int32Array, { wants, visit }: ReadRequest): Promise<void> {
    const indexAt = (corpusIndex: number): number => byCorpusIndex[corpusIndex] ?? -1
    // lines discovery does not ask for are skipped undecoded (the reader's share)
    const share =
      wants === undefined
        ? undefined
        : {
            keeps: (corpusIndex: number) => {
              const index = indexAt(corpusIndex)
              return index >= 0 && wants(index)
            },
          }
    let read = 0
    for await (const message of streamCorpus(corpus, share)) {
      if (++read % 10_000 === 0) checkStop()
      const index = indexAt(message.index)
      if (index < 0) continue
      visit(message.text ?? (tryDecodeUtf8(message.bytes) as string), index)
    }
  }
}

/**
 * Up to `limit` texts of the messages `wanted` picks (by discovery index, numbered as the first read
 * numbers them), read once more after the store is written (discover's coverage warning, s37-fixr M3):
 * no stop hook and no fingerprint check, so a signal or a corpus that changed since never turns the
 * written store into a failure (the caller treats any error as no sample); it stops at `limit`.
 */
export async function readSample(
  options: CorpusOptions,
  wanted: (index: number) => boolean,
  limit: number,
): Promise<string[]> {
  const texts: string[] = []
  if (limit <= 0) return texts
  const corpus: CorpusOptions = { ...options, ...(readsLoghub(options) ? { format: 'txt' } : {}), keepText: false }
  let index = 0
  for await (const message of streamCorpus(corpus)) {
    const text = message.text ?? tryDecodeUtf8(message.bytes)
    if (text === undefined || text === '') continue
    if (wanted(index++)) texts.push(text)
    if (texts.length >= limit) break
  }
  return texts
}

/** True when the corpus would be read as a Loghub log (its categories loaded from the structured CSV beside it). */
function readsLoghub(options: CorpusOptions): boolean {
  try {
    return resolveCorpusFormat(options) === 'loghub'
  } catch {
    // a format the extension does not tell is refused by the first read, naming the file
    return false
  }
}

/** Which formats `--format` takes. */
export const CORPUS_FORMATS: readonly CorpusFormat[] = ['txt', 'jsonl', 'json', 'loghub', 'har', 'auto']
