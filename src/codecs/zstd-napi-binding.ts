/**
 * zstd-napi, loaded once for the codecs that use it (zstd_napi, zstd_dict, the per-connection stream):
 * its class API, its low-level binding and their versions. STYLE.md: one place per library.
 *
 * Loaded on first use, not at import: zstd-napi is a native addon built by its install script, and an
 * install with `--ignore-scripts` has no binding. Everything that does not use it (Brotli, deflate,
 * `@mongodb-js/zstd`) then still works; what does use it gets `E_DEPENDENCY` with the fix.
 */
import { createRequire } from 'node:module'
import { AuraError, errorText, registerDependencyProbe } from '../core/index.ts'
import { readPackageVersion } from './package-version.ts'

type ZstdNapi = typeof import('zstd-napi')
/** zstd-napi's low-level binding module. */
export type ZstdNapiBinding = typeof import('zstd-napi/binding.js')

const require = createRequire(import.meta.url)

/** The package name, as codecs report it in `Codec.library`. */
export const ZSTD_NAPI_LIBRARY = 'zstd-napi'
/** Installed zstd-napi version (read from its package.json: no native code needed). */
export const ZSTD_NAPI_LIBRARY_VERSION = readPackageVersion(ZSTD_NAPI_LIBRARY)
/** What a config or a command should do when the binding is missing. */
export const ZSTD_NAPI_FIX =
  'run `npm rebuild zstd-napi` in the project that installed aura-bench (an install with --ignore-scripts skips the native build zstd-napi needs; allow its install script), or choose a codec without zstd-napi'

interface Loaded {
  napi: ZstdNapi
  binding: ZstdNapiBinding
}

const defaultLoader = (): Loaded => ({
  napi: require('zstd-napi') as ZstdNapi,
  binding: require('zstd-napi/binding') as ZstdNapiBinding,
})
let loader: () => Loaded = defaultLoader
let loaded: Loaded | AuraError | undefined

function load(): Loaded {
  if (loaded === undefined) {
    try {
      loaded = loader()
    } catch (error) {
      loaded = new AuraError(
        'E_DEPENDENCY',
        `zstd-napi cannot be loaded: its native binding is missing or was not built (${errorText(error).split('\n')[0]})`,
        {},
        { hint: ZSTD_NAPI_FIX, cause: error },
      )
    }
  }
  if (loaded instanceof AuraError) throw loaded
  return loaded
}

/** zstd-napi's class API (Compressor, Decompressor); throws AuraError E_DEPENDENCY when it cannot be loaded. */
export function zstdNapi(): ZstdNapi {
  return load().napi
}

/** zstd-napi's low-level binding (CCtx, DCtx, frame inspection); throws AuraError E_DEPENDENCY when it cannot be loaded. */
export function zstdNapiBinding(): ZstdNapiBinding {
  return load().binding
}

/** The E_DEPENDENCY error when zstd-napi cannot be loaded, else undefined (loads it on the first call). */
export function zstdNapiProblem(): AuraError | undefined {
  try {
    load()
    return undefined
  } catch (error) {
    if (error instanceof AuraError) return error
    throw error
  }
}

registerDependencyProbe(ZSTD_NAPI_LIBRARY, zstdNapiProblem)

/** Version of the libzstd that zstd-napi bundles, or `not built` when its binding is missing. */
export function zstdNapiLibzstdVersion(): string {
  return zstdNapiProblem() === undefined ? zstdNapiBinding().versionString() : 'not built'
}

/** Tests only: replace how zstd-napi is loaded (undefined: the real module) and forget what was loaded. */
export function setZstdNapiLoaderForTests(replacement: (() => Loaded) | undefined): void {
  loader = replacement ?? defaultLoader
  loaded = undefined
}
