/**
 * What a shard measured with, as sha256 hashes `merge` compares: the suite file, and per config its
 * YAML and every file the config names (template store, zstd dictionary or its training corpus, an
 * external module, an external command's arguments that are files), so that shards measured with a
 * store regenerated in between are refused rather than merged.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AuraError, type CompressorConfig, type ErrorLocation } from '../core/index.ts'
import { checkDerivedConfig, hasDerivedState } from '../runner/index.ts'
import { isExternalConfig, loadCompressorConfig, type ConfigRef, type Suite } from '../suite/index.ts'

/** sha256 of a config's files, by what names them: `config` (the YAML itself), then its keys (`template_store_path`, `external_command[1]`, ...). */
export type ConfigFingerprint = Record<string, string>

/** sha256 of the suite file and of each config's files (see the file comment). */
export async function fingerprintInputs(
  suite: Suite,
): Promise<{ suite: string; configs: Record<string, ConfigFingerprint> }> {
  const configs: Record<string, ConfigFingerprint> = {}
  for (const ref of suite.configs) configs[ref.name] = await fingerprintConfig(ref, suite)
  return { suite: await sha256File(suite.file, { file: suite.file }), configs }
}

/** The YAML's hash and the hash of each file the config (as the run builds it) names. */
async function fingerprintConfig(ref: ConfigRef, suite: Suite): Promise<ConfigFingerprint> {
  const fingerprint: ConfigFingerprint = { config: await sha256File(ref.path, { file: ref.path }) }
  // a derived entry's store and dictionary come from the suite's corpora (fingerprinted by their counts), not its keys
  const config = hasDerivedState(ref) ? await checkDerivedConfig(ref, suite) : await loadCompressorConfig(ref.path)
  // the keys a derived entry fills from the suite's corpora: hashing them would read a whole measured corpus
  // per shard and config, and blame the config for a corpus change that fingerprints.corpora already names
  const derived = new Set([
    ...(ref.discover === undefined ? [] : ['template_store_path']),
    ...(ref.zstdDictTraining === undefined ? [] : ['zstd_dict_training_corpus']),
  ])
  for (const [key, file] of namedFiles(config)) {
    if (derived.has(key)) continue
    // a missing file is the run's error to report, at its key in the config
    if (await isFile(file)) fingerprint[key] = await sha256File(file, { file: ref.path, field: key })
  }
  return fingerprint
}

/** The files a config names, by the key that names them. */
function namedFiles(config: CompressorConfig): [string, string][] {
  if (isExternalConfig(config)) {
    const external = config.external
    if (external.kind === 'module') return [['external_module', external.modulePath]]
    // only files in the config's own folder tree (the user's script): an interpreter such as /usr/bin/python3
    // differs between CI images and would refuse shards that measured the same thing
    return external.command
      .map((arg, i): [string, string] => [`external_command[${i}]`, path.resolve(external.cwd, arg)])
      .filter(([, file]) => isInside(external.cwd, file))
  }
  const files: [string, string | null][] = [
    ['template_store_path', config.templateStorePath],
    ['zstd_dict_path', config.zstdDictPath],
    ['zstd_dict_training_corpus', config.zstdDictTrainingCorpus],
  ]
  return files.filter((entry): entry is [string, string] => entry[1] !== null)
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

/** sha256 of a file's bytes, streamed (a training corpus may be larger than one buffer). */
async function sha256File(file: string, where: ErrorLocation): Promise<string> {
  const hash = createHash('sha256')
  try {
    await pipeline(createReadStream(file), hash)
  } catch (error) {
    // at the config and key that name the file (an unreadable store fails here, before the run could say so)
    throw new AuraError(
      'E_FILE_UNREADABLE',
      `cannot read ${file} to fingerprint it: ${(error as Error).message}`,
      where,
    )
  }
  return hash.digest('hex')
}
