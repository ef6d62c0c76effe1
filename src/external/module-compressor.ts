/**
 * An external compressor written as an ES module, run in the gate's own process:
 *   export function compress(data: Uint8Array): { frame: Uint8Array, method: string } | Promise<...>
 *   export function decompress(frame: Uint8Array): Uint8Array | Promise<Uint8Array>
 * optionally `name`, `libraries` ({ package: version }) and `sharedStateBytes`; the functions may
 * also sit on the default export. Being in-process, its calls are not timed out: it runs like our code.
 */
import { pathToFileURL } from 'node:url'
import { AuraError, METHODS, toBytes, type CompressResult, type ErrorLocation, type Method } from '../core/index.ts'
import type { ExternalCompressor } from './command-compressor.ts'

/** What loads a module compressor. */
interface ModuleCompressorOptions {
  /** config name, for reports and errors */
  name: string
  /** absolute path of the module */
  modulePath: string
  /** where the module is named (config file and key), for errors */
  origin?: ErrorLocation
}

interface CodecModule {
  compress(data: Uint8Array): unknown
  decompress(frame: Uint8Array): unknown
  libraries?: unknown
  sharedStateBytes?: unknown
}

/** Imports the module and checks its exports; E_EXTERNAL naming the config key when it cannot be used. */
export async function loadModuleCompressor(options: ModuleCompressorOptions): Promise<ExternalCompressor> {
  const label = `external compressor "${options.name}"`
  const where = options.origin ?? {}
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(pathToFileURL(options.modulePath).href)) as Record<string, unknown>
  } catch (error) {
    throw new AuraError(
      'E_EXTERNAL',
      // a module may throw anything at import (`throw null`): read a message only from an Error
      `${label}: cannot import ${options.modulePath}: ${error instanceof Error ? error.message : `it threw ${String(error)}`}`,
      where,
      { cause: error },
    )
  }
  const codec = guarded(label, 'its exports', () => pickCodec(loaded))
  if (codec === undefined)
    throw new AuraError(
      'E_EXTERNAL',
      `${label}: ${options.modulePath} exports no compress and decompress functions`,
      where,
      {
        hint: 'export function compress(data) { return { frame, method } } and export function decompress(frame) { return data }',
      },
    )
  return {
    name: options.name,
    sharedStateBytes: typeof codec.sharedStateBytes === 'number' ? codec.sharedStateBytes : 0,
    libraries: { [`external:${options.name}`]: options.modulePath, ...stringRecord(codec.libraries) },
    latencyMode: 'in-process',
    compress: async (message) => {
      const input = typeof message === 'string' ? toBytes(message) : message
      const originalBytes = input.length
      return guardedAsync(label, 'compress', async () =>
        checkedFrame(await codec.compress(input), originalBytes, label),
      )
    },
    decompress: async (frame) =>
      guardedAsync(label, 'decompress', async () => {
        const data = await codec.decompress(frame)
        if (!(data instanceof Uint8Array))
          throw new AuraError('E_EXTERNAL', `${label}: decompress returned ${typeof data}, not a Uint8Array`)
        return data
      }),
    close: async () => undefined,
  }
}

function pickCodec(loaded: Record<string, unknown>): CodecModule | undefined {
  for (const candidate of [loaded, loaded['default']]) {
    const c = candidate as Partial<CodecModule> | undefined
    if (typeof c?.compress === 'function' && typeof c.decompress === 'function') return c as CodecModule
  }
  return undefined
}

function checkedFrame(result: unknown, originalBytes: number, label: string): CompressResult {
  const { frame, method } = (typeof result === 'object' && result !== null ? result : {}) as {
    frame?: unknown
    method?: unknown
  }
  if (!(frame instanceof Uint8Array))
    throw new AuraError('E_EXTERNAL', `${label}: compress must return { frame: Uint8Array, method }`)
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    throw new AuraError(
      'E_EXTERNAL',
      `${label}: compress returned method ${JSON.stringify(method)}; use one of ${METHODS.join(', ')}`,
    )
  }
  const bytes = new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)
  return {
    bytes,
    method: method as Method,
    metadata: {
      ratio: originalBytes / bytes.length,
      method: method as Method,
      originalBytes,
      compressedBytes: bytes.length,
    },
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/**
 * The module is trusted code, but what it throws is handed to our error reporting, which reads its
 * `code`, `message` and prototype. A thrown Proxy (or object) whose traps or getters throw made that
 * reporting itself fail (exit 3, "a bug"): such a value becomes E_EXTERNAL. Readable errors pass as
 * they are (a module's own E_FRAME_* codes keep working).
 */
function readable(label: string, what: string, error: unknown): unknown {
  try {
    if (typeof error === 'object' && error !== null) {
      const { code, message, name, stack } = error as {
        code?: unknown
        message?: unknown
        name?: unknown
        stack?: unknown
      }
      void [code, message, name, stack, error instanceof Error, Object.keys(error)]
      String(message)
    } else String(error)
    return error
  } catch {
    return new AuraError(
      'E_EXTERNAL',
      `${label}: ${what} threw a value that cannot be read (its properties throw, as a hostile Proxy's do)`,
    )
  }
}

function guarded<T>(label: string, what: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    throw readable(label, what, error)
  }
}

async function guardedAsync<T>(label: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw readable(label, what, error)
  }
}
