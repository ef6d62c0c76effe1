import path from 'node:path'
import { sampleUncovered, UNCOVERED_SAMPLE, UNCOVERED_WARN_SHARE, uncoveredWarning } from './discover-coverage.ts'
import { countTemplateWins, fewWinsWarning, mergeKindWarning, SpreadSample, winLine } from './discover-wins.ts'
import { performance } from 'node:perf_hooks'
import { AuraError, InputFingerprints } from '../core/index.ts'
import { checkOutputFile, checkReplacesOnlyOwn } from '../report/index.ts'
import {
  constantDates,
  DISCOVERY_DEFAULTS,
  discoverFromSource,
  MAX_TEMPLATED_TEXT_BYTES,
  type DiscoveryProgress,
} from '../templates/index.ts'
import type { DISCOVER_FLAGS } from './command-flags.ts'
import {
  checkHeaderMatches,
  headerFromFlag,
  discoveryHeap,
  optionalInteger,
  optionalShare,
  readOptions,
  usage,
} from './command-discover-flags.ts'
import { openDiscoverCorpus, READ_STOPPED, readSample } from './command-discover-source.ts'
import { checkMergedUnchanged, loadMergedStore, renderSummary, writeStore } from './command-discover-store.ts'
import { readGroundTruth } from './command-discover-truth.ts'
import type { CommandInput } from './flags.ts'
import { OWN_OUTPUTS } from './output-kinds.ts'
import { EXIT, isPlainOutput, letPendingSignalsIn, type CliIo } from './io.ts'

/** Discovers templates and writes the store; exit 0, or 2 on bad input. */
export async function commandDiscover(
  { values, positionals }: CommandInput<typeof DISCOVER_FLAGS>,
  io: CliIo,
): Promise<number> {
  const [corpusArg, ...extra] = positionals
  if (corpusArg === undefined || extra.length > 0)
    throw usage(
      corpusArg === undefined
        ? 'discover needs one corpus file'
        : `discover takes one corpus file, got ${positionals.length}`,
    )
  if (values.out === undefined) throw usage('discover needs --out <store.json>', '--out')
  if (values.out.trim() === '') throw usage('--out needs a file path for the store, got an empty one', '--out')
  const startMs = performance.now()
  const corpusPath = path.resolve(io.cwd, corpusArg)
  const outPath = path.resolve(io.cwd, values.out)
  await checkOutputFile(outPath, '--out')
  // a store to refresh, or a new path: any other file there is the user's (E_OUTPUT, exit 2); a store
  // refreshed in place (--merge and --out the same file) keeps every template it had, so it is replaced
  // even when hand-written
  if (values.merge === undefined || path.resolve(io.cwd, values.merge) !== outPath)
    await checkReplacesOnlyOwn(outPath, '--out', values.out, OWN_OUTPUTS.templateStore)
  if (values['evict-after'] !== undefined && values.merge === undefined)
    throw usage(
      '--evict-after needs --merge <existing store>: it drops templates of the store being refreshed',
      '--evict-after',
    )
  const keepShare = optionalShare(values['evict-keep-share'], values['evict-after'])
  // every flag checked before the corpus is read: a bad one is exit 2 at once
  const limits = {
    ...optionalInteger('maxTemplates', values['max-templates'], '--max-templates', 1),
    ...optionalInteger('minSupport', values['min-support'], '--min-support', 1),
    ...optionalInteger('maxSplitWords', values['max-split-words'], '--max-split-words'),
    ...optionalInteger('evictAfter', values['evict-after'], '--evict-after', 1),
    ...(keepShare === undefined ? {} : { evictKeepShare: keepShare }),
  }
  const mergePath = values.merge === undefined ? undefined : path.resolve(io.cwd, values.merge)
  // the store's stat and bytes as loaded: checked again before the store is written (another refresh may have written it)
  const mergeRead = new InputFingerprints()
  const existing = mergePath === undefined ? undefined : await loadMergedStore(mergePath, mergeRead)
  const corpusOptions = readOptions(corpusPath, values.format, values['train-fraction'], values['text-field'])
  // the ground truth is read and checked before the corpus: a wrong CSV is exit 2 before anything is computed
  const truth =
    values.evaluate === undefined
      ? undefined
      : await readGroundTruth(path.resolve(io.cwd, values.evaluate), values.evaluate)
  const say = (text: string): void => {
    if (!values.quiet) io.stdout.write(text)
  }
  // discovery holds every log line's pieces while V8 lets its heap grow well ahead of the garbage: for
  // log lines the process trades CPU for a smaller heap (interleaved A/B, load 9-14: 100k distinct
  // nginx lines 260 -> 182 MB, CPU 8.8 -> 11.1 s; 100k distinct Loghub lines 208 -> 157 MB, 6.2 -> 7.7 s;
  // same stores). JSON corpora are streamed with a full GC between passes and gain less (182 -> 161 MB)
  // for as much CPU (11.8 -> 14.0 s), on a goal whose time they are nearer: docs/discovery.md
  const heap = discoveryHeap(corpusOptions)
  if (heap === 'lines') io.preferSmallHeap?.()
  // JSON is streamed once per pass, and each pass makes short-lived strings at a rate that grows V8's young
  // generation to its 2 x 16 MB most; kept at its size after the start (2 x 4 MB), the process holds ~25 MB
  // less at the same CPU (100k JSON messages, docs/rounds/s40-jmem.md): the same store. Measured on jsonl; json
  // and har messages go through the same passes. A format not told gets neither (it is refused below)
  else if (heap === 'json') io.keepYoungGeneration?.()
  // discovery runs on this thread; a signal is seen between its reads of the corpus and before the store is written
  let interrupted = false
  const unsubscribe = io.onInterrupt?.(() => {
    interrupted = true
  })
  // the corpus is streamed once per pass of discovery, never held (command-discover-source.ts)
  // --header is counted on the first read: one that fits no line is refused before discovery computes anything
  const header = values.header === undefined ? undefined : headerFromFlag(values.header)
  let headerMatches = 0
  // the first message the header does not fit, shown in the warning
  let unmatched: { line: number | undefined; text: string } | undefined
  // round 41 (s41-trial D1): a spread sample of the training messages, kept on the first read, to check
  // whether the store's template frames would be chosen against a fallback (discover-wins.ts)
  const winSample = new SpreadSample()
  const source = openDiscoverCorpus(corpusOptions, {
    onMessage:
      truth === undefined && header === undefined
        ? (text: string, index: number) => winSample.see(text, index)
        : (text: string, index: number, line: number | undefined) => {
            winSample.see(text, index)
            if (header?.contentStart(text) !== undefined) headerMatches++
            else if (header !== undefined) unmatched ??= { line, text }
            truth?.see(text, index, line)
          },
    onFirstRead: ({ messages, skipped, lines }) => {
      if (header !== undefined) checkHeaderMatches(header.format, headerMatches, messages, corpusArg, unmatched, io)
      truth?.check(lines)
      const headerCount =
        header === undefined
          ? ''
          : headerMatches === messages
            ? `; --header matched all of them`
            : `; --header matched ${headerMatches} of them (the other ${messages - headerMatches} clustered whole, header included)`
      say(
        `discover: ${messages} messages from ${corpusArg}${skipped > 0 ? ` (${skipped} not valid UTF-8, left out)` : ''}${headerCount}\n`,
      )
      // s42-trial D6: 20 KB of random bytes became a store of the 2 lines that happened to be UTF-8, exit 0, no warning
      // (CLI text, even with --quiet, as the other warnings)
      if (skipped > messages)
        io.stderr.write(
          `warning: ${skipped} of the ${skipped + messages} lines of ${corpusArg} are not valid UTF-8 and were left out, more than were read: is it a text corpus (a binary or compressed file of a kind discover does not recognise)? The store is learnt from the ${messages} left\n`,
        )
    },
    stopped: () => interrupted,
  })
  // Discovery computes on this thread between its reads of the corpus (cluster, draft, verify: 10-20 s
  // for 100k lines under load), where no signal handler runs: a signal was seen only once it all ended
  // (s31's trial: SIGTERM at +6 s honoured ~20 s later, past CI's 10 s to SIGKILL). Between reads the
  // signals take their default action, ending the process at once (nothing is written before the
  // store); during a read (async) they are seen as before and stop it with its line.
  let endOnSignal: (() => void) | undefined
  const holdSignals = (): void => {
    endOnSignal?.()
    endOnSignal = undefined
  }
  const computeEndingOnSignal = async <T>(compute: () => Promise<T>): Promise<T> => {
    endOnSignal = io.endOnSignal?.()
    try {
      return await compute()
    } finally {
      holdSignals()
    }
  }
  const guarded: typeof source = {
    async read(request) {
      holdSignals()
      await source.read(request)
      // a signal that came during the read stops the run here, not after the computation it would start
      await letPendingSignalsIn()
      if (interrupted) throw READ_STOPPED
      endOnSignal = io.endOnSignal?.()
    },
  }
  try {
    return await discoverAndWrite()
  } catch (error) {
    if (error === READ_STOPPED) return stopped()
    // discovery does not know the file: the CLI names it (docs/contracts.md: exit 2 names file and field)
    if (error instanceof AuraError && error.code === 'E_NO_TEMPLATES' && error.location.file === undefined)
      throw new AuraError(
        error.code,
        error.reason,
        { ...error.location, file: corpusPath },
        { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error },
      )
    throw error
  } finally {
    unsubscribe?.()
  }

  async function discoverAndWrite(): Promise<number> {
    if (interrupted) return stopped()
    const result = await computeEndingOnSignal(() =>
      discoverFromSource(guarded, {
        ...(existing === undefined ? {} : { existing }),
        ...limits,
        ...(values.header === undefined ? {} : { header: values.header }),
        ...(values.name === undefined ? {} : { name: values.name }),
        corpus: path.relative(path.dirname(outPath), corpusPath) || path.basename(corpusPath),
        createdAt: new Date().toISOString(),
        ...(values['train-fraction'] === undefined
          ? {}
          : { provenanceOptions: { trainFraction: Number(values['train-fraction']), split: 'ordered train part' } }),
        onProgress: values.quiet ? () => undefined : createProgressPrinter(io),
      }),
    )
    // a signal that came during discovery is still pending: let it in before deciding to write
    await letPendingSignalsIn()
    if (interrupted) return stopped()
    if (mergePath !== undefined && values.merge !== undefined) {
      await checkMergedUnchanged(mergePath, values.merge, mergeRead)
      // a signal that came while the merged store was read again stops the run: nothing is written yet
      await letPendingSignalsIn()
      if (interrupted) return stopped()
    }
    io.pastStopping?.()
    await writeStore(outPath, result)
    const seconds = (performance.now() - startMs) / 1000
    say(renderSummary(result, path.relative(io.cwd, outPath) || outPath, seconds, limits))
    // round 41 (s41-trial D5): a store of another kind of messages merged is said, naming where it was learnt
    if (existing !== undefined && values.merge !== undefined)
      io.stderr.write(mergeKindWarning(existing, values.merge, winSample.texts(), corpusArg ?? corpusPath) ?? '')
    // round 41: matched is not chosen; the store is written, so a failure of this check only leaves its line out
    const wins =
      result.store.templates.length === 0
        ? undefined
        : await countTemplateWins(result.store, winSample.texts()).catch(() => undefined)
    if (wins !== undefined) {
      say(winLine(wins))
      if (!('notChecked' in wins))
        io.stderr.write(fewWinsWarning(wins, corpusArg ?? corpusPath, values.out ?? outPath) ?? '')
    }
    // said even with --quiet: these messages have no template, whatever the store holds
    if (result.stats.longMessages > 0)
      io.stderr.write(
        `warning: ${result.stats.longMessages} of the ${result.stats.messages} messages of ${corpusArg} are longer than ${MAX_TEMPLATED_TEXT_BYTES.toLocaleString('en-US')} bytes and were left out of discovery: a template holds its message's literal text in the store every peer loads (the fallback codec sends them)\n`,
      )
    // round 37: a large share of training messages no template covers is said, with the likely reason
    // (a sample of them read back only then); CLI text, even with --quiet, as the warnings above
    const uncovered = result.stats.messages - result.stats.coveredMessages
    if (result.stats.messages > 0 && uncovered / result.stats.messages > UNCOVERED_WARN_SHARE) {
      // the store is written: this read never fails the command (s37-fixr M3). It has no stop hook and
      // no fingerprint check (a corpus that grew since, a signal now: the warning comes without a reason)
      const texts = await readSample(
        corpusOptions,
        (index) => index < result.stats.messages && result.templateIds[index] === undefined,
        UNCOVERED_SAMPLE,
      ).catch(() => undefined)
      io.stderr.write(
        uncoveredWarning(
          result.stats,
          corpusArg ?? corpusPath,
          texts === undefined ? undefined : sampleUncovered(texts),
          limits.maxTemplates ?? DISCOVERY_DEFAULTS.maxTemplates,
        ) ?? '',
      )
    }
    // a date in a template's literal text (a merged or older store's: discovery keeps dates in slots) fails next month's lines
    // a whole JSON value kept literal by this discovery was the same in every message of its template: a
    // constant (an API version) as likely as a day, so it is a note, not a warning (s37-trial D7)
    const found = constantDates(result.store)
    const jsonDates = found.filter((d) => d.wholeJsonValue && values.merge === undefined)
    const dates = found.filter((d) => !jsonDates.includes(d))
    if (dates.length > 0) {
      const [first] = dates as [(typeof dates)[0]]
      io.stderr.write(
        `warning: ${dates.length} of the ${result.store.templates.length} templates of ${values.out} hold a date as literal text (template ${first.id}: ${JSON.stringify(first.date)} in ${JSON.stringify(first.pattern)}): lines of another ${first.period} will not match them; rediscover without --merge, or make the date a slot\n`,
      )
    }
    const [value] = jsonDates
    if (value !== undefined)
      io.stderr.write(
        `note: ${jsonDates.length} of the ${result.store.templates.length} templates of ${values.out} keep a JSON value that reads as a date as literal text (template ${value.id}: ${JSON.stringify(value.date)}), because every training message of the template had that same value: right for a constant such as an API version; if the field is the message's ${value.period} instead, discover from messages of more than one ${value.period}, or lines of another ${value.period} will not match\n`,
      )
    // an evaluation was asked for: it prints even with --quiet
    if (truth !== undefined) io.stdout.write(`${truth.render(result.events)}\n`)
    return EXIT.ok
  }

  function stopped(): number {
    io.stderr.write(`interrupted: stopped before the store was written; ${values.out} is as it was\n`)
    return EXIT.interrupted
  }
}

/** Progress on a terminal as one line redrawn; in CI or a pipe, a line per phase and every 10%. */
function createProgressPrinter(io: CliIo): (progress: DiscoveryProgress) => void {
  const plain = isPlainOutput(io)
  let lastShown = ''
  return ({ phase, done, total }) => {
    const tenth = Math.floor((done / Math.max(1, total)) * 10)
    const key = `${phase}:${tenth}`
    if (key === lastShown) return
    lastShown = key
    const text = `${phase}: ${done}/${total}`
    io.stdout.write(plain ? `  ${text}\n` : `\r\x1b[2K  ${text}${done === total ? '\n' : ''}`)
  }
}
