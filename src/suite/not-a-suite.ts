/**
 * A file of another kind given where a suite is expected (`run configs/emergency.yaml`, `run
 * out/x/results.json`) is said as such in one error, not as the dozen schema errors a suite's schema
 * finds in it. `validate` tells these kinds apart too (validate-files.ts).
 */
import { basename } from 'node:path'
import { AuraError } from '../core/index.ts'
import { compressorConfigSchema } from './config.ts'
import { describeForeignFile } from './file-kind.ts'
import { OUTPUT_WRITERS, recognizeOutputJson } from './output-files.ts'
import { parseYaml } from './yaml-schema.ts'

/** Keys only a suite has at its top level. */
const SUITE_KEYS = ['corpora', 'configs', 'targets', 'gate', 'latency', 'reference']

/** Keys of a compressor config that a suite never has (`name` and `description` are both's). */
const CONFIG_KEYS = Object.keys(compressorConfigSchema.shape).filter((key) => key !== 'name' && key !== 'description')

/**
 * The E_SCHEMA error for a suite file that is a compressor config, a template store or one of
 * aura-bench's JSON outputs; undefined for anything else (a suite with mistakes gets its own issues).
 */
export function notASuiteError(text: string, file: string): AuraError | undefined {
  const parsed = parseYaml(text, file)
  const value = 'issues' in parsed ? undefined : parsed.source.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // not a YAML mapping: a corpus (JSONL, a log) given as the suite is said as such, not as a syntax error per line
    const foreign = describeForeignFile(text, file)
    if (foreign === undefined) return undefined
    return new AuraError(
      'E_SCHEMA',
      `${basename(file)} looks like ${foreign.what}, not a suite`,
      { file },
      { hint: `a suite is a YAML file with \`corpora:\` and \`configs:\`; this file goes in ${foreign.goes}` },
    )
  }
  const keys = Object.keys(value)
  // an output first: a results.json has `gate` and `reference` as a suite does
  const output = recognizeOutputJson(value)
  const what =
    output !== undefined
      ? `a ${output} written by ${OUTPUT_WRITERS[output]}`
      : keys.some((key) => SUITE_KEYS.includes(key))
        ? undefined
        : (value as Record<string, unknown>)['format'] === 'aura-template-store'
          ? 'a template store'
          : keys.some((key) => CONFIG_KEYS.includes(key))
            ? 'a compressor config'
            : undefined
  if (what === undefined) return undefined
  const hint =
    what === 'a compressor config'
      ? `name it under \`configs:\` in a suite (its path relative to the suite's folder), and run the suite`
      : what === 'a template store'
        ? "name it as a config's `template_store_path:`, and that config under a suite's `configs:`"
        : `name the suite file that ${OUTPUT_WRITERS[output ?? 'results.json']} measured (its \`corpora:\` and \`configs:\`); \`aura-bench validate\` says what a file is`
  return new AuraError('E_SCHEMA', `${basename(file)} is ${what}, not a suite`, { file }, { hint })
}
