/** Where the numbers came from: runtime, machine and library versions for every report's header. */
import { arch, availableParallelism, cpus, platform } from 'node:os'
import { version as nodeVersion } from 'node:process'
import { TINYBENCH_VERSION } from './latency.ts'
import type { Environment } from './types.ts'

/** Node version, platform, CPU model and count, and `libraries` (name -> version) plus tinybench, which times latency. */
export function collectEnvironment(libraries: Readonly<Record<string, string>> = {}): Environment {
  const cpuList = cpus()
  return {
    node: nodeVersion,
    platform: platform(),
    arch: arch(),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    // os.cpus() can be empty in some containers; availableParallelism() is what Node can actually use.
    cpus: cpuList.length > 0 ? cpuList.length : availableParallelism(),
    libraries: sortedRecord({ tinybench: TINYBENCH_VERSION, ...libraries }),
  }
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
