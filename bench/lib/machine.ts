/** The machine a benchmark ran on, for the header of its output. */
import os from 'node:os'
import { codecLibraryVersions } from '../../src/codecs/index.ts'

/** CPU model, cores, Node, libraries, load and date as Markdown lines. */
export function describeMachine(): string {
  const cpus = os.cpus()
  const libraries = codecLibraryVersions()
  const [load1] = os.loadavg()
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'} (${os.availableParallelism()} cores available to Node, ${cpus.length} logical CPUs)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average (1 min) at start: ${(load1 ?? 0).toFixed(2)}`,
    `- Node ${process.version} (V8 ${process.versions.v8}), ${os.type()} ${os.release()} ${os.arch()}`,
    `- ${Object.entries(libraries)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
  ].join('\n')
}
