/**
 * A compressor config read from its file: paths resolved from the config's folder, and the files it
 * names (template store, zstd dictionary, training corpus) checked to exist, each problem at its key
 * and line. Parsing the text is config.ts's.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { readTextFile, throwIfIssues, type CompressorConfig } from '../core/index.ts'
import { parseConfigSource } from './config.ts'
import { emptyDictionaryMessage } from './dictionary-file.ts'
import { IssueList } from './yaml-schema.ts'

/**
 * Reads a config file with some keys set by the suite entry that uses it (held-out evaluation:
 * `zstd_dict_training_corpus` from a corpus split); the files those keys name are not checked here.
 */
export async function loadCompressorConfigWith(
  file: string,
  overrides: Readonly<Record<string, unknown>>,
): Promise<CompressorConfig> {
  const absolute = path.resolve(file)
  return parseConfigSource(await readTextFile(absolute, file, undefined, 'config file'), absolute, overrides).config
}

/**
 * Reads and parses a config file, and checks that the files it names (template store, zstd
 * dictionary, training corpus) exist: a missing one is reported at its key in the config, not later
 * when a run loads it. Missing file, folder or bad YAML become AuraErrors naming the file.
 */
export async function loadCompressorConfig(file: string): Promise<CompressorConfig> {
  const absolute = path.resolve(file)
  const { config, lineOf } = parseConfigSource(await readTextFile(absolute, file, undefined, 'config file'), absolute)
  const { issues, add } = new IssueList(absolute, lineOf)
  for (const { key, what, target } of referencedFiles(config)) {
    if (target === null) continue
    const info = await stat(target).catch(() => undefined)
    if (info === undefined)
      add([key], `${what} ${target} does not exist (relative paths start at the config's folder)`, 'E_FILE_MISSING')
    else if (info.isDirectory()) add([key], `${what} ${target} is a folder; name a file`, 'E_FILE_IS_DIRECTORY')
    else if (!info.isFile())
      add(
        [key],
        `${what} ${target} is a FIFO, device or socket; aura-bench reads only regular files`,
        'E_FILE_NOT_REGULAR',
      )
    else if (key === 'zstd_dict_path' && info.size === 0) add([key], emptyDictionaryMessage(target))
  }
  throwIfIssues(issues, `invalid compressor config ${absolute}`)
  return config
}

function referencedFiles(config: CompressorConfig): Array<{ key: string; what: string; target: string | null }> {
  return [
    { key: 'template_store_path', what: 'template store', target: config.templateStorePath },
    { key: 'zstd_dict_path', what: 'zstd dictionary', target: config.zstdDictPath },
    { key: 'zstd_dict_training_corpus', what: 'dictionary training corpus', target: config.zstdDictTrainingCorpus },
  ]
}
