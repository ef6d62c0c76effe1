/** Corpus loaders: txt, jsonl (+ recordings.tsv), json arrays, Loghub logs (+ structured CSV) and HAR websocket captures. */
export type { CorpusMessage, CorpusOptions, CorpusFormat, CorpusLoadStats } from './types.ts'
export { streamCorpus, loadCorpus, loadCorpusWithStats, checkCorpusFile, resolveCorpusFormat, corpusName, MAX_WHOLE_FILE_BYTES } from './load-corpus.ts'
export type { CorpusStream, CorpusFileCheck, ResolvedCorpusFormat } from './load-corpus.ts'
export { HARD_CAP_BYTES, hashUnit } from './select.ts'
export { describeCorpus } from './describe.ts'
export type { CorpusDescription } from './describe.ts'
export { splitByteLines } from './byte-lines.ts'
export type { ByteLine } from './byte-lines.ts'
