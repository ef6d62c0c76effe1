/**
 * A config's zstd dictionary file (`zstd_dict_path`), read the one way every input is read
 * (core/input-file.ts): only a regular file, at most 64 MiB, checked before anything is allocated.
 * A FIFO named as the dictionary used to block the run; /dev/zero, to fill memory.
 */
import { AuraError, readInputFile, type CompressorConfig } from '../core/index.ts'

/** Largest zstd dictionary read (64 MiB): zstd_dict_size_bytes trains at most 16 MiB. */
export const MAX_DICTIONARY_BYTES = 64 * 1024 * 1024

/** The bytes of the dictionary a config names; E_FILE_MISSING, E_FILE_NOT_REGULAR, E_FILE_TOO_LARGE... at the config's zstd_dict_path. */
export async function readDictionaryFile(config: CompressorConfig & { zstdDictPath: string }): Promise<Uint8Array> {
  const bytes = await readInputFile({
    path: config.zstdDictPath,
    kind: 'zstd dictionary',
    maxBytes: MAX_DICTIONARY_BYTES,
    where: { file: config.file, field: 'zstd_dict_path' },
  })
  if (bytes.length === 0) throw emptyDictionaryError(config.file, config.zstdDictPath)
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}

/** An empty dictionary file would silently mean "no dictionary": refused at the config's zstd_dict_path. */
export function emptyDictionaryMessage(target: string): string {
  return `zstd dictionary ${target} is empty (0 bytes): name a dictionary file, or remove zstd_dict_path to build one from the training part`
}

function emptyDictionaryError(file: string, target: string): AuraError {
  return new AuraError('E_SCHEMA', emptyDictionaryMessage(target), { file, field: 'zstd_dict_path' })
}
