/** Checks a comparison's corpora before anything is measured: a missing shared-corpora folder is named once, clearly. */
import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AuraError, hasTildeComponent } from '../core/index.ts'
import { checkCorpusFile } from '../corpus/index.ts'
import type { CorpusSpec } from '../suite/index.ts'

/**
 * Returns the corpora present. A missing required corpus whose folder is absent is
 * E_SHARED_CORPORA_MISSING naming the outermost missing folder (e.g. ../shared/corpora beside the
 * project); any other missing or unreadable required corpus is its loader error. Optional corpora
 * that are missing are skipped with a warning.
 */
export async function checkCorpora(
  specs: readonly CorpusSpec[],
  warnings: string[],
  onSkip?: (corpus: string, reason: string) => void,
): Promise<CorpusSpec[]> {
  const present: CorpusSpec[] = []
  for (const spec of specs) {
    const check = await checkCorpusFile(spec)
    if (check.status === 'present') {
      present.push(spec)
      continue
    }
    if (spec.required) {
      const missingFolder = check.status === 'missing' ? await outermostMissingFolder(spec.path) : undefined
      // a `~` path is a typo for home, not an absent shared folder: the loader's error says so
      if (missingFolder === undefined || hasTildeComponent(spec.path)) throw check.error
      throw new AuraError(
        'E_SHARED_CORPORA_MISSING',
        `corpus ${spec.name} (${spec.pathAsWritten}) is in a folder that is absent: ${missingFolder}`,
        spec.origin ?? { file: spec.path },
        {
          hint: "this suite measures real traffic kept outside the project (the shared corpora beside the checkout); put that folder in place, or run a suite on the project's own corpora such as suites/brotli-vs-zstd-ci.yaml",
        },
      )
    }
    const reason = `corpus ${spec.name} skipped: ${check.error.reason}`
    warnings.push(reason)
    onSkip?.(spec.name, reason)
  }
  if (present.length === 0)
    throw new AuraError('E_CORPUS_EMPTY', 'no corpus of this suite is present, nothing to compare', {
      field: 'corpora',
    })
  return present
}

/** The outermost ancestor folder of `path` that does not exist, or undefined when the file's own folder exists. */
async function outermostMissingFolder(path: string): Promise<string | undefined> {
  let folder = dirname(path)
  let missing: string | undefined
  while (!(await isDirectory(folder))) {
    missing = folder
    const parent = dirname(folder)
    if (parent === folder) break
    folder = parent
  }
  return missing
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  )
}
