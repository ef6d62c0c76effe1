/**
 * zstd-napi, loaded once for the codecs that use it (zstd_napi, zstd_dict, the per-connection stream):
 * its class API, its low-level binding and their versions. STYLE.md: one place per library.
 */
import { createRequire } from 'node:module'
import { readPackageVersion } from './package-version.ts'

type ZstdNapi = typeof import('zstd-napi')
type ZstdNapiBinding = typeof import('zstd-napi/binding.js')

const require = createRequire(import.meta.url)

/** The package name, as codecs report it in `Codec.library`. */
export const ZSTD_NAPI_LIBRARY = 'zstd-napi'
/** zstd-napi's class API (Compressor, Decompressor). */
export const zstdNapi = require('zstd-napi') as ZstdNapi
/** zstd-napi's low-level binding (CCtx, DCtx, frame inspection). */
export const zstdNapiBinding = require('zstd-napi/binding') as ZstdNapiBinding
/** Installed zstd-napi version. */
export const ZSTD_NAPI_LIBRARY_VERSION = readPackageVersion(ZSTD_NAPI_LIBRARY)
/** Version of the libzstd that zstd-napi bundles. */
export const ZSTD_NAPI_LIBZSTD_VERSION = zstdNapiBinding.versionString()
