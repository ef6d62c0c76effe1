/**
 * Native libraries a config may need, asked about from layers that may not import the codecs (the suite
 * layer reads configs): the codecs module that loads a library registers how to ask whether it loads
 * (codecs/zstd-napi-binding.ts). Unregistered (its codecs module never imported): no answer, and the
 * library's first use says what is wrong instead.
 */
import type { AuraError } from './errors.ts'

const probes = new Map<string, () => AuraError | undefined>()

/** Registers how to find out whether `library` loads (E_DEPENDENCY when not). */
export function registerDependencyProbe(library: string, probe: () => AuraError | undefined): void {
  probes.set(library, probe)
}

/** The E_DEPENDENCY error of `library` when it cannot be loaded; undefined when it loads or nobody registered it. */
export function dependencyProblem(library: string): AuraError | undefined {
  return probes.get(library)?.()
}
