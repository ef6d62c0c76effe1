/**
 * An external compressor behind a command speaking JSON lines (protocol in docs/ci.md):
 *   {"op":"compress","id":1,"data":"<base64>"}    -> {"id":1,"frame":"<base64>","method":"brotli"}
 *   {"op":"decompress","id":2,"frame":"<base64>"} -> {"id":2,"data":"<base64>"}
 *   any request                                   -> {"id":n,"error":{"code":"...","message":"..."}}
 * Sizes, methods and round trips are the process's own; latency includes the trip through the pipes.
 */
import {
  AuraError,
  METHODS,
  type ErrorLocation,
  toBytes,
  type CompressResult,
  type Compressor,
  type Method,
} from '../core/index.ts'
import { startJsonLinesProcess, type JsonLinesProcess } from './json-lines-process.ts'

/** Latency mode of a compressor reached through a process boundary (pipes, JSON, base64 included). */
const PROCESS_BOUNDARY_MODE = 'process-boundary'

/** A compressor that is not the built-in hybrid: it says how its latency is measured and must be closed. */
export interface ExternalCompressor extends Compressor {
  /** `process-boundary` for commands, `in-process` for modules */
  readonly latencyMode: string
  /** Stops what the compressor started (kills its process); safe to call twice. */
  close(): Promise<void>
}

/** What starts a command compressor. */
interface CommandCompressorOptions {
  /** config name, for reports and errors */
  name: string
  command: readonly string[]
  cwd: string
  timeoutMs: number
  /** where the command is set, for errors */
  origin?: ErrorLocation
}

/** Starts the command and returns a compressor speaking to it; E_EXTERNAL when it cannot start. */
export async function startCommandCompressor(options: CommandCompressorOptions): Promise<ExternalCompressor> {
  const label = `external compressor "${options.name}"`
  const channel = await startJsonLinesProcess({
    command: options.command,
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    label,
    ...(options.origin === undefined ? {} : { origin: options.origin }),
  })
  return {
    name: options.name,
    sharedStateBytes: 0,
    // what produced the bytes, for the report's environment table
    libraries: { [`external:${options.name}`]: options.command.join(' ') },
    latencyMode: PROCESS_BOUNDARY_MODE,
    compress: (message) => compressThrough(channel, label, typeof message === 'string' ? toBytes(message) : message),
    decompress: async (frame) =>
      decodeBase64(
        field(await call(channel, label, { op: 'decompress', frame: encodeBase64(frame) }), 'data', label),
        'data',
        label,
      ),
    close: () => channel.close(),
  }
}

async function compressThrough(channel: JsonLinesProcess, label: string, message: Uint8Array): Promise<CompressResult> {
  const reply = await call(channel, label, { op: 'compress', data: encodeBase64(message) })
  const bytes = decodeBase64(field(reply, 'frame', label), 'frame', label)
  const method = field(reply, 'method', label)
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new AuraError('E_EXTERNAL', `${label} replied with method "${method}"; use one of ${METHODS.join(', ')}`)
  }
  const metadata = {
    ratio: message.length / bytes.length,
    method: method as Method,
    originalBytes: message.length,
    compressedBytes: bytes.length,
  }
  return { bytes, method: method as Method, metadata }
}

/** One request; an `error` reply becomes an Error carrying the process's own code (E_EXTERNAL when it has none). */
async function call(
  channel: JsonLinesProcess,
  label: string,
  request: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const reply = await channel.request(request)
  const error = reply['error']
  if (error === undefined) return reply
  const { code, message } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
    code?: unknown
    message?: unknown
  }
  const stableCode = typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(code) ? code : 'E_EXTERNAL'
  return Promise.reject(
    Object.assign(
      new Error(
        `${label} refused ${String(request['op'])}: ${stableCode}: ${typeof message === 'string' ? message : 'no message'}`,
      ),
      { code: stableCode },
    ),
  )
}

function field(reply: Record<string, unknown>, name: string, label: string): string {
  const value = reply[name]
  if (typeof value !== 'string')
    throw new AuraError(
      'E_EXTERNAL',
      `${label} replied without a string "${name}" (reply: ${JSON.stringify(reply).slice(0, 200)})`,
    )
  return value
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/** Strict base64 (Buffer's decoder skips bad characters silently, which would hide a protocol bug). */
function decodeBase64(text: string, name: string, label: string): Uint8Array {
  if (!BASE64.test(text))
    throw new AuraError('E_EXTERNAL', `${label} replied with "${name}" that is not standard base64`)
  return new Uint8Array(Buffer.from(text, 'base64'))
}
