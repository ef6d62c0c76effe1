/**
 * Store identity: a frame made with one template store (or zstd dictionary) and read with another
 * must be refused, not decoded into other text. Template ids are reused across store versions (the
 * dangerous case: id 149 is "Request {0} completed in {1}ms" in v1 and "Request {0} finished in {1}ms"
 * in v2, and a v1 frame read with v2 renders the v2 text without any error).
 *
 * Two mechanisms, both documented in docs/robustness.md:
 * 1. Handshake (no per-message cost, the default way): each side sends `handshake()` once per
 *    connection (at most 20 bytes: magic "AH", version, flags (which fingerprints follow, and
 *    whether template frames carry a check byte), the 8-byte store and dictionary fingerprints) and reads the peer's with `acceptHandshake(bytes)`, which returns a compressor for
 *    that peer. When the stores differ, it refuses binary_semantic frames with E_FRAME_STORE_MISMATCH
 *    and never sends them; when the dictionaries differ, it refuses zstd_dict frames with
 *    E_FRAME_NO_DICTIONARY and never sends them. aura frames carry their own templates and a CRC-32:
 *    they need no store and are accepted either way.
 * 2. `store_check: frame` (config key, opt-in): 1 more byte in every binary_semantic frame, a digest of
 *    that template's definition (templateCheckByte). Detects a changed template per frame, with no
 *    connection (frames at rest, logs, queues), missing 1 change in 256.
 */
import { createHash } from 'node:crypto'
import { AuraError, ByteReader, concatBytes, FrameError } from '../core/index.ts'
import { templateCheckByte, type TemplateStore } from '../templates/index.ts'

/** The shared state one side decodes with, by fingerprint (16 hex digits each), null when it has none. */
export interface SharedStateIdentity {
  storeFingerprint: string | null
  dictionaryFingerprint: string | null
  /** template frames carry a check byte or not: two sides that differ here cannot read each other's template frames */
  storeCheck: StoreCheck
}

/** What a compressor knows of its peer's shared state. */
export type PeerAgreement =
  /** no handshake accepted: frames are decoded with this side's store as they come (no per-message cost) */
  | { status: 'unchecked' }
  | { status: 'agreed' }
  | { status: 'mismatch'; differs: ReadonlyArray<'store' | 'dictionary'> }

/** Whether binary_semantic frames carry a check byte of their template: `none` (default) or `frame`. */
export type StoreCheck = 'none' | 'frame'

const MAGIC = [0x41, 0x48] as const
const VERSION = 1
const HAS_STORE = 1
const HAS_DICTIONARY = 2
const STORE_CHECK_FRAME = 4
const FINGERPRINT_BYTES = 8

/** Fingerprint of a dictionary: the first 8 bytes of its SHA-256, as 16 hex digits; null without one. */
export function dictionaryFingerprintOf(dictionary: Uint8Array | null): string | null {
  return dictionary === null
    ? null
    : createHash('sha256')
        .update(dictionary)
        .digest('hex')
        .slice(0, 2 * FINGERPRINT_BYTES)
}

/** The handshake bytes of one side: "AH", version 1, flags, then each fingerprint present (8 bytes). */
export function writeHandshake(identity: SharedStateIdentity): Uint8Array {
  const flags =
    (identity.storeFingerprint === null ? 0 : HAS_STORE) |
    (identity.dictionaryFingerprint === null ? 0 : HAS_DICTIONARY) |
    (identity.storeCheck === 'frame' ? STORE_CHECK_FRAME : 0)
  const parts = [Uint8Array.of(...MAGIC, VERSION, flags)]
  for (const fingerprint of [identity.storeFingerprint, identity.dictionaryFingerprint]) {
    if (fingerprint === null) continue
    if (!/^[0-9a-f]{16}$/.test(fingerprint))
      throw new AuraError('E_INTERNAL', `fingerprint "${fingerprint}" is not 16 hex digits`)
    parts.push(Uint8Array.from(Buffer.from(fingerprint, 'hex')))
  }
  return concatBytes(parts)
}

/** Reads a peer's handshake; throws FrameError (E_FRAME_CORRUPT, _TRUNCATED, _TRAILING) for anything else. */
export function parseHandshake(bytes: Uint8Array): SharedStateIdentity {
  const reader = new ByteReader(bytes)
  if (reader.byte() !== MAGIC[0] || reader.byte() !== MAGIC[1])
    throw new FrameError('E_FRAME_CORRUPT', 'not a handshake: it does not start with "AH"')
  const version = reader.byte()
  if (version !== VERSION)
    throw new FrameError('E_FRAME_CORRUPT', `handshake version ${version} is not supported (expected ${VERSION})`)
  const flags = reader.byte()
  if ((flags & ~(HAS_STORE | HAS_DICTIONARY | STORE_CHECK_FRAME)) !== 0)
    throw new FrameError('E_FRAME_CORRUPT', `handshake flags 0x${flags.toString(16)} set unknown bits`)
  const read = (flag: number): string | null =>
    (flags & flag) === 0 ? null : Buffer.from(reader.take(FINGERPRINT_BYTES)).toString('hex')
  const identity: SharedStateIdentity = {
    storeFingerprint: read(HAS_STORE),
    dictionaryFingerprint: read(HAS_DICTIONARY),
    storeCheck: (flags & STORE_CHECK_FRAME) === 0 ? 'none' : 'frame',
  }
  reader.expectEnd()
  return identity
}

/** Compares this side's shared state with a peer's: `agreed` only when store (and its check setting) and dictionary match, or both lack one. */
export function comparePeer(own: SharedStateIdentity, peer: SharedStateIdentity): PeerAgreement {
  const differs: Array<'store' | 'dictionary'> = []
  if (
    own.storeFingerprint !== peer.storeFingerprint ||
    (own.storeFingerprint !== null && own.storeCheck !== peer.storeCheck)
  )
    differs.push('store')
  if (own.dictionaryFingerprint !== peer.dictionaryFingerprint) differs.push('dictionary')
  return differs.length === 0 ? { status: 'agreed' } : { status: 'mismatch', differs }
}

/** True when the peer's store (or dictionary) is known to differ from this side's. */
export function peerDiffers(peer: PeerAgreement, what: 'store' | 'dictionary'): boolean {
  return peer.status === 'mismatch' && peer.differs.includes(what)
}

/** The check byte that leads a binary_semantic body under `store_check: frame`, as a one-byte array; E_INTERNAL for a template the store lacks. */
export function checkBytePrefix(store: TemplateStore, templateId: number): Uint8Array {
  const template = store.byId.get(templateId)
  if (template === undefined)
    throw new AuraError('E_INTERNAL', `template ${templateId} was chosen but is not in store "${store.name}"`)
  return Uint8Array.of(templateCheckByte(template))
}

/**
 * The slot body of a binary_semantic payload after the identity checks: refused with
 * E_FRAME_STORE_MISMATCH when the handshake said the stores differ, or (under `store_check: frame`)
 * when the frame's check byte is not this store's template's. An unknown id is left to the decoder.
 */
export function checkedTemplateBody(
  store: TemplateStore,
  templateId: number,
  payload: Uint8Array,
  storeCheck: StoreCheck,
  peer: PeerAgreement,
): Uint8Array {
  if (peerDiffers(peer, 'store')) {
    throw new FrameError(
      'E_FRAME_STORE_MISMATCH',
      `binary_semantic frame from a peer whose template store differs from this one (${store.fingerprint}); it cannot be read safely`,
    )
  }
  if (storeCheck === 'none') return payload
  const template = store.byId.get(templateId)
  if (template === undefined) return payload
  const check = payload[0]
  if (check === undefined)
    throw new FrameError('E_FRAME_TRUNCATED', 'binary_semantic frame ends before its store check byte')
  if (check !== templateCheckByte(template)) {
    throw new FrameError(
      'E_FRAME_STORE_MISMATCH',
      `template ${templateId} of this frame was defined differently by the store that wrote it (check byte 0x${check.toString(16)}, store "${store.name}" has 0x${templateCheckByte(template).toString(16)})`,
    )
  }
  return payload.subarray(1)
}

/** Refuses a zstd_dict frame from a peer whose dictionary differs. */
export function checkDictionaryPeer(peer: PeerAgreement): void {
  if (peerDiffers(peer, 'dictionary'))
    throw new FrameError(
      'E_FRAME_NO_DICTIONARY',
      'zstd_dict frame from a peer whose dictionary differs from this one; it cannot be read safely',
    )
}
