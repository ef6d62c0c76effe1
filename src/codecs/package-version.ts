/** Reads the installed version of a third-party package, for `Codec.libraryVersion` and report headers. */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * Version of an installed npm package, from its package.json. Packages whose `exports` map hides
 * `package.json` (brotli-wasm) are found by walking up from their resolved entry point.
 */
export function readPackageVersion(packageName: string): string {
  const direct = tryVersion(`${packageName}/package.json`, packageName)
  if (direct !== undefined) return direct
  let folder = dirname(require.resolve(packageName))
  for (;;) {
    const version = tryVersion(join(folder, 'package.json'), packageName)
    if (version !== undefined) return version
    const parent = dirname(folder)
    if (parent === folder) return 'unknown'
    folder = parent
  }
}

function tryVersion(specifier: string, packageName: string): string | undefined {
  try {
    const manifest = require(specifier) as { name?: unknown; version?: unknown }
    return manifest.name === packageName && typeof manifest.version === 'string' ? manifest.version : undefined
  } catch {
    return undefined
  }
}
