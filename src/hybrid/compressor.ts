/** The reference hybrid compressor: per message, one method and one frame (the steps of the choice: selection.ts). */
import { isUtf8 } from 'node:buffer'
import { endsInCr } from '../codecs/index.ts'
import { AuraError, type CompressorConfig, type CompressResult, type Compressor } from '../core/index.ts'
import {
  type ChoiceRule,
  learnChoiceProblem,
  RecheckGate,
  type TemplateMatcher,
  type TemplateStore,
} from '../templates/index.ts'
import { type Candidate, createLineTemplater, createTemplateSide } from './candidates.ts'
import { createCodecSet } from './codec-set.ts'
import { createCrTail, NOT_WEIGHED } from './cr-tail.ts'
import { createFrameDecoder } from './frame-decoder.ts'
import { createResidueSide, opensJson } from './json-residue-frame.ts'
import {
  beginSelection,
  compressAsync,
  finishSelection,
  type HybridCompressResult,
  type HybridMetadata,
  type Selection,
  syncFallbackFrame,
  templateFrameBeatsAny,
  untemplatedSync,
} from './selection.ts'
import { LosingRun } from './losing-run.ts'
import { RefusalRun } from './refusal-run.ts'
import { ResidueLearner } from './residue-learning.ts'
import { SelectionLearner } from './selection-learning.ts'
import {
  comparePeer,
  dictionaryFingerprintOf,
  parseHandshake,
  peerDiffers,
  writeHandshake,
  type PeerAgreement,
} from './store-identity.ts'
import { asyncOnlyCodec } from './usage.ts'

export type { HybridCompressResult, HybridMetadata } from './selection.ts'

/** What a compressor needs besides its config: shared state loaded by the caller. */
export interface HybridResources {
  store: TemplateStore | null
  matcher: TemplateMatcher | null
  /** zstd_dict dictionary bytes, or null */
  dictionary: Uint8Array | null
}

/** Options of createHybridCompressor. */
export interface HybridOptions {
  /**
   * Run the fallback codec on every message from min_compression_size up, even when its frame
   * provably cannot change the choice (step 4 in selection.ts); the frames and methods are the same either
   * way, only `candidateBytes` gains the fallback's size. Default false (for tests and diagnostics).
   */
  exhaustive?: boolean
  /**
   * Learn per template whether its frame reliably beats the fallback and then skip the fallback
   * (selection-learning.ts), and note a run of messages the store's screen refuses and then screen only
   * one in a few (refusal-run.ts). Default true; false keeps the seed's comparison on every message and
   * screens every message.
   */
  learnSelection?: boolean
  /**
   * Learn which template keeps winning a message's choice among several candidates and try it alone
   * (templates/choice-learning.ts): its frame may be a few bytes larger than the smallest. Default true
   * (a rule: its tuning, bench/choice-tune.ts); false, or `learnSelection: false`, or `exhaustive`,
   * always sends the smallest template frame. `withoutLearning()` never learns it. A rule's counts are
   * integers of at least 1; anything else is AuraError E_USAGE naming the field.
   */
  learnChoice?: boolean | ChoiceRule
}

/** The hybrid compressor with its config and a way to see why a method was chosen. */
export interface HybridCompressor extends Compressor {
  readonly config: CompressorConfig
  compress(message: string | Uint8Array): Promise<CompressResult & { metadata: HybridMetadata }>
  /**
   * `compress` without the promise, for a config whose fallback codec is synchronous (zstd_dict,
   * brotli, deflate: every shipped config but week3-zstd): the same frame, method and metadata, or the
   * same coded error. Always present; when the fallback is async-only (`zstd`, see `isAsync`) it
   * throws AuraError E_USAGE naming the codec, for every message (not only those the fallback would see).
   */
  compressSync(message: string | Uint8Array): HybridCompressResult
  /**
   * `decompress` without the promise: the same bytes, or the same coded error, for every frame but
   * one whose codec is async-only (a `zstd` frame, whichever config wrote it), which throws E_USAGE.
   */
  decompressSync(frame: Uint8Array): Uint8Array
  /** True when the fallback codec is async-only (`zstd`): compressSync then throws E_USAGE, and so does decompressSync for the fallback's frames. */
  readonly isAsync: boolean
  /** Fingerprint of the template store both sides must share, or null. */
  readonly storeFingerprint: string | null
  /** Fingerprint of the zstd_dict dictionary both sides must share, or null. */
  readonly dictionaryFingerprint: string | null
  /** What the accepted handshake said of the peer's store and dictionary; `unchecked` until one is accepted. */
  readonly peer: PeerAgreement
  /** This side's handshake (at most 20 bytes: the store and dictionary fingerprints), sent once per connection. */
  handshake(): Uint8Array
  /**
   * A compressor for the peer that sent `handshake` (this one is left as it is: a server shares one
   * compressor among many peers). Where the peer's store differs it neither sends nor accepts
   * binary_semantic frames (E_FRAME_STORE_MISMATCH), where its dictionary differs, zstd_dict frames.
   * A malformed handshake throws FrameError. See store-identity.ts.
   */
  acceptHandshake(handshake: Uint8Array): HybridCompressor
  /**
   * This compressor (its config, store, dictionary, codecs and peer) choosing by the seed's rule: every
   * message weighed against the fallback, as with `learnSelection: false`, so that each frame is a
   * function of the message alone, whatever was compressed before. The runner measures sizes with it:
   * the figures of a run are then the same however its corpus is split among shards and workers.
   */
  withoutLearning(): HybridCompressor
}

/** Builds the compressor from a validated config and its loaded shared state. */
export async function createHybridCompressor(
  config: CompressorConfig,
  resources: HybridResources,
  options: HybridOptions = {},
): Promise<HybridCompressor> {
  const choiceProblem = options.learnChoice === undefined ? undefined : learnChoiceProblem(options.learnChoice)
  if (choiceProblem !== undefined)
    throw new AuraError('E_USAGE', `createHybridCompressor: options.learnChoice${choiceProblem}`)
  const codecs = createCodecSet(config, resources.dictionary)
  const templater = createLineTemplater(resources.matcher)
  const sharedStateBytes = (resources.store?.sizeBytes ?? 0) + (resources.dictionary?.length ?? 0)
  const identity = {
    storeFingerprint: resources.store?.fingerprint ?? null,
    dictionaryFingerprint: dictionaryFingerprintOf(resources.dictionary),
  }
  const own = { ...identity, storeCheck: config.storeCheck ?? 'none' }
  const templates = createTemplateSide(resources.matcher, config.storeCheck === 'frame' ? resources.store : null)
  const learns = options.exhaustive !== true && options.learnSelection !== false
  // the learning compressor's template side: its own encoder, whose choice learns (withoutLearning() sends `templates`)
  const learnChoice = learns ? (options.learnChoice ?? true) : false
  // the learners' re-checks, spaced over the messages of this compressor and the peers' it makes (round s31-p99):
  // one gate for the learned choice's, one for the fallback short-cut's and its re-weighing's (round s35-e2e:
  // with one gate for both, the choice's re-checks, asked on most messages, took every slot and the fallback
  // short-cut's never ran on five of the eight Loghub systems)
  const gate = learns ? new RecheckGate() : null
  const selectionGate = learns ? new RecheckGate() : null
  const tick = (): void => {
    gate?.tick()
    selectionGate?.tick()
  }
  const learningTemplates =
    learnChoice === false
      ? templates
      : createTemplateSide(
          resources.matcher,
          config.storeCheck === 'frame' ? resources.store : null,
          learnChoice,
          gate,
          templates,
        )
  // which JSON message kinds the json_residue frame keeps losing on (residue-learning.ts); withoutLearning() tries every one
  const residueLearner = learns ? new ResidueLearner() : null
  const forPeer = (peer: PeerAgreement, learner: SelectionLearner | null): HybridCompressor => {
    // what this side sends a peer whose store or dictionary differs: no template frames, no zstd_dict frames
    const sending = peerDiffers(peer, 'store') ? null : learner === null ? templates : learningTemplates
    const noFallback = peerDiffers(peer, 'dictionary') && config.fallback === 'zstd_dict'
    const sendingConfig = noFallback ? { ...config, minCompressionSizeBytes: Number.POSITIVE_INFINITY } : config
    const exhaustive = options.exhaustive === true
    const begin = (message: string | Uint8Array): Selection =>
      beginSelection(sendingConfig, sending, codecs, templater, message, exhaustive, learner)
    // read once: compressSync runs on every message
    const fallbackFrame = syncFallbackFrame(config, codecs.fallback)
    const { write, take } = fallbackFrame
    const asyncOnly = codecs.fallback.isAsync
    // bytes no template can match, with aura off, take untemplatedSync (the same frames and metadata, fewer
    // steps); `exhaustive` keeps the general path on every message, the reference tests compare it with
    const untemplated = !config.enableAura && !exhaustive
    const passthrough = config.framing === 'text-passthrough'
    // a learning compressor's note of a stream its store does not know (refusal-run.ts); the seed's rule screens every message
    const refusals = learner !== null && sending !== null ? new RefusalRun() : null
    const losing = learner !== null && sending !== null ? new LosingRun() : null
    // the json_residue frame (round 35): weighed against the chosen frame, only with the store and dictionary the peer shares
    const residue =
      sending === null || noFallback
        ? null
        : createResidueSide(config, resources.store, codecs, learner === null ? null : residueLearner)
    // whether the last message skipped the template side: a message ending in `\r` then skips its body's too (s41-rev3 F3)
    let skippedLast = false
    // a message ending in `\r` whose body a template may encode (cr-tail.ts)
    const crTail = createCrTail(config, sending === null ? null : templates)
    // the last message's body candidate when weighed before its fallback (else NOT_WEIGHED), and its UTF-8
    let weighedBody: Candidate | undefined | typeof NOT_WEIGHED = NOT_WEIGHED
    let lastBytes: Uint8Array | undefined
    // round s42-p99: a message ending in `\r` has its body weighed before the fallback runs, which is spared when
    // the 0xFB frame wins against any frame it could write (selection.ts step 4's bound): the same frame is sent
    // (a template frame of the whole message is replaced only when larger, whatever the fallback wrote). Not
    // where the fallback's frame feeds what is learned (a whole-message template frame in a learning
    // compressor), nor where json_residue weighs the chosen frame next (JSON), nor `exhaustive`.
    const crSpares = (
      input: string | Uint8Array,
      bytes: Uint8Array,
      wholeTemplated: boolean,
      uncompressedBytes: number,
      aura: Candidate | undefined,
    ): boolean => {
      if (crTail === null || exhaustive || !endsInCr(bytes) || (learner !== null && wholeTemplated)) return false
      if (residue !== null && opensJson(bytes)) return false
      const body = crTail.body(input, bytes)
      weighedBody = body
      return (
        body !== undefined &&
        templateFrameBeatsAny(sendingConfig, body.sizeBytes + 1, bytes.length, uncompressedBytes, aura)
      )
    }
    const chooseSync = (message: string | Uint8Array): HybridCompressResult => {
      if (asyncOnly) throw asyncOnlyCodec('compressSync', codecs.fallback, config)
      if (learner !== null) tick()
      let selection: Selection
      // round 41: a store whose template frames keep losing is skipped but for probes (losing-run.ts)
      const skipsTemplates = losing?.skips() === true
      skippedLast = skipsTemplates
      if (untemplated && message instanceof Uint8Array && message.length <= config.maxMessageBytes) {
        if (
          sending === null ||
          skipsTemplates ||
          refusals?.skips() === true ||
          !sending.matcher.mayMatchBytes(message)
        ) {
          if (!skipsTemplates) refusals?.refusedOne()
          // the no-match path (bench/speed.ts section 3), unless the message ends in `\r`: then the general
          // path, whose fallback its body may spare (below); the same frame and metadata either way
          if (crTail === null || skipsTemplates || !endsInCr(message))
            return untemplatedSync(sendingConfig, message, passthrough && isUtf8(message), fallbackFrame)
          selection = beginSelection(sendingConfig, null, codecs, templater, message, exhaustive, learner)
        } else {
          refusals?.passedOne()
          // the screen said yes: beginSelection does not ask it again
          selection = beginSelection(sendingConfig, sending, codecs, templater, message, exhaustive, learner, true)
        }
      } else
        selection = skipsTemplates
          ? beginSelection(sendingConfig, null, codecs, templater, message, exhaustive, learner)
          : begin(message)
      lastBytes = selection.message
      if (
        selection.runsFallback &&
        !skipsTemplates &&
        crSpares(
          message,
          selection.message,
          selection.binary !== undefined,
          selection.uncompressedBytes,
          selection.aura,
        )
      )
        selection.runsFallback = false
      const result = selection.runsFallback
        ? finishSelection(sendingConfig, selection, write(selection.message), take, learner)
        : finishSelection(sendingConfig, selection, 0, undefined, learner)
      if (losing !== null && selection.binary !== undefined) losing.record(result.method === 'binary_semantic')
      return result
    }
    const chooseOrResidue =
      residue === null ? chooseSync : (message: string | Uint8Array) => residue.improve(chooseSync(message), message)
    // a message ending in `\r` whose text without it a template encodes: the 0xFB frame (round 41, cr-tail.ts);
    // the body's weighing counts in the losing note as a matched message's (a 0xFB frame chosen is a win)
    const recordBody = losing === null ? undefined : (won: boolean) => losing.record(won)
    const compressSync =
      crTail === null
        ? chooseOrResidue
        : (message: string | Uint8Array) => {
            weighedBody = NOT_WEIGHED
            const result = chooseOrResidue(message)
            return skippedLast ? result : crTail.finish(result, message, recordBody, weighedBody, lastBytes)
          }
    const decoder = createFrameDecoder(config, resources.store, codecs, peer)
    const compressor: HybridCompressor = {
      name: config.name,
      config,
      sharedStateBytes,
      libraries: codecs.libraries,
      ...identity,
      peer,
      isAsync: codecs.fallback.isAsync,
      handshake: () => writeHandshake(own),
      acceptHandshake: (handshake) => forPeer(comparePeer(own, parseHandshake(handshake)), learner),
      withoutLearning: () => (learner === null ? compressor : forPeer(peer, null)),
      compress: codecs.fallback.isAsync
        ? (message) => {
            if (learner !== null) tick()
            const chosen = compressAsync(sendingConfig, codecs, begin, message, learner)
            return crTail === null ? chosen : chosen.then((result) => crTail.finish(result, message))
          }
        : (message) => resolvedOrRejected(compressSync, message),
      compressSync,
      decompress: decoder.decode,
      decompressSync: decoder.decodeSync,
    }
    return compressor
  }
  return forPeer({ status: 'unchecked' }, learns ? new SelectionLearner(undefined, selectionGate) : null)
}

/** A sync call's result as a promise: resolved, or rejected with what it threw (an API that returns a promise never throws). */
function resolvedOrRejected<T>(call: (input: string | Uint8Array) => T, input: string | Uint8Array): Promise<T> {
  try {
    return Promise.resolve(call(input))
  } catch (error) {
    return Promise.reject(error)
  }
}
