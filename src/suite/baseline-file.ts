/**
 * Reading a baseline file, shared by `run --baseline` (a results.json: gate/baseline.ts) and
 * `compare --baseline` (a comparison.json: compare/comparison-baseline.ts): a missing file, a folder,
 * text that is not JSON, or another output of ours is E_BASELINE (exit 2) naming the file.
 */
import { AuraError, readInputFile } from '../core/index.ts'
import { OUTPUT_WRITERS, recognizeOutputJson, type OutputJsonName } from './output-files.ts'

/** Largest baseline read (256 MiB), checked before anything is allocated. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024

/** What a baseline file is expected to be, for the messages. */
export interface BaselineFileSpec {
  /** the output the baseline must be (named by "is a folder; name its ...") */
  expected: 'results.json' | 'comparison.json'
  /** the flag a missing file's error names as its field; none when unset */
  flag?: string
  /** the hint of a missing file and of a folder */
  hint: string
}

/** A baseline file's text; a missing file or a folder is E_BASELINE with the spec's hint. */
export async function readBaselineFile(absolute: string, asWritten: string, spec: BaselineFileSpec): Promise<string> {
  const { hint } = spec
  try {
    return (
      await readInputFile({ path: absolute, asWritten, kind: 'baseline', maxBytes: MAX_BASELINE_BYTES })
    ).toString('utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'E_FILE_MISSING')
      throw new AuraError(
        'E_BASELINE',
        `baseline not found: ${asWritten}`,
        spec.flag === undefined ? { file: asWritten } : { file: asWritten, field: spec.flag },
        { hint },
      )
    if (code === 'E_FILE_IS_DIRECTORY')
      throw new AuraError(
        'E_BASELINE',
        `baseline ${asWritten} is a folder; name its ${spec.expected}`,
        { file: asWritten },
        { hint },
      )
    throw error
  }
}

/** A baseline's text parsed; text that is not JSON is E_BASELINE with `hint`. */
export function parseBaselineJson(text: string, asWritten: string, hint: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten} is not valid JSON: ${(error as Error).message}`,
      { file: asWritten },
      { hint },
    )
  }
}

/** How an output is named in "baseline X is ..., not ..." (the expected one's wording first). */
const OUTPUT_NAMES: Partial<Record<OutputJsonName, string>> = {
  'results.json': "a run's results.json",
  'comparison.json': 'a comparison',
}

/**
 * E_BASELINE when `json` is another output of ours than `expected`, named as what it is (as cost and history
 * do), not by the expected shape's violations (s33 D9); `hint` gives the hint for the output found.
 */
export function refuseOtherOutput(
  json: unknown,
  asWritten: string,
  expected: BaselineFileSpec['expected'],
  hint: (found: OutputJsonName) => string,
): void {
  const kind = recognizeOutputJson(json)
  if (kind === undefined || kind === expected) return
  const found = OUTPUT_NAMES[kind] ?? `a ${kind.replace('.json', '')}`
  const wanted = expected === 'results.json' ? "a run's results.json" : 'a comparison.json'
  throw new AuraError(
    'E_BASELINE',
    `baseline ${asWritten} is ${found} (${kind}, written by ${OUTPUT_WRITERS[kind]}), not ${wanted}`,
    { file: asWritten },
    { hint: hint(kind) },
  )
}
