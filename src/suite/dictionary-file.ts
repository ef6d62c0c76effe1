/**
 * A config's zstd dictionary file (`zstd_dict_path`), read the one way every input is read
 * (core/input-file.ts): only a regular file, at most 64 MiB, checked before anything is allocated.
 * A FIFO named as the dictionary used to block the run; /dev/zero, to fill memory.
 */
import { readInputFile, type CompressorConfig } from '../core/index.ts'

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
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}
