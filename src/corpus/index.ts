/**
 * Corpus loaders: txt, jsonl (+ recordings.tsv), json arrays, Loghub logs (+ structured CSV) and HAR websocket captures.
 *
 * Decisions:
 *  - Lines split on byte 0x0A; one trailing 0x0D is removed (CRLF); a last line without newline counts.
 *  - A UTF-8 BOM at the start of a file is removed (all formats); elsewhere bytes are untouched.
 *  - Empty lines (txt, log) and blank lines (jsonl) are not messages: they are skipped and counted
 *    in `skippedEmptyLines`. An empty JSON string ("") is a message of 0 bytes.
 *  - txt and log messages are bytes: invalid UTF-8 is kept. jsonl, json and har files are text:
 *    invalid UTF-8 is E_INVALID_UTF8; a string with a lone surrogate is E_CORPUS_FORMAT.
 *  - Without `maxMessageBytes` a message over 16 MiB is E_MESSAGE_TOO_LARGE; with it, longer
 *    messages are dropped and counted (`droppedAboveMaxBytes`) and it becomes the cap.
 *  - `index` numbers the messages that pass the size filters; limit, split and sample keep it,
 *    so a message has the same index in every view of the corpus.
 *  - Order: size filters, limit, split, sample. Ordered splits read the file twice (count, then read).
 */
export type { CorpusMessage, CorpusOptions, CorpusFormat, CorpusLoadStats } from './types.ts'
export {
  streamCorpus,
  loadCorpus,
  loadCorpusWithStats,
  checkCorpusFile,
  resolveCorpusFormat,
} from './load-corpus.ts'
export {
  checkCorpusRecordings,
  checkCorpusCompanions,
  checkLoghubCorpusCsv,
  recordingsBeside,
  recordingsNotReadNote,
} from './corpus-companions.ts'
export type { CorpusStream } from './load-corpus.ts'
export { HARD_CAP_BYTES, isTrainIndex } from './select.ts'
export { checkLoghubGroundTruth, loghubFormatWarning, loghubUncategorisedWarning } from './loghub.ts'
export { CONTENT_CHECKS, GroundTruthContentCheck } from './ground-truth-check.ts'
export { prettyJsonTxtWarning, startsLikePrettyJson } from './pretty-json-warning.ts'
