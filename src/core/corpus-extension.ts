/**
 * A corpus file's format when its entry names none (`format: auto` or absent): by extension. One table
 * for the corpus loader and the suite's checks (s37-fixs M4: a suite check that read only a written
 * `format:` let `category_field` beside `x.txt` pass and every message go uncategorised).
 */
import { extname } from 'node:path'

/** A corpus format a file's extension gives. */
export type CorpusExtensionFormat = 'txt' | 'jsonl' | 'json' | 'har' | 'loghub'

const FORMAT_BY_EXTENSION: Readonly<Record<string, CorpusExtensionFormat>> = {
  '.txt': 'txt',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.har': 'har',
  '.log': 'loghub',
}

/** The format the loader reads a corpus file as from its extension (.txt, .jsonl/.ndjson, .json, .har, .log = loghub); undefined for others. */
export function corpusFormatByExtension(path: string): CorpusExtensionFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()]
}
