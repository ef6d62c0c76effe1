/** Sharded runs: the partition of a corpus into N shards, the partial file a shard writes, and the merge of partials. */
export { createShardShare, parseShard, shardOf } from './partition.ts'
export {
  createPartialFile,
  parsePartial,
  readPartialFile,
  serializePartial,
  PARTIAL_FORMAT,
  PARTIAL_NAME,
} from './partial-file.ts'
export { fingerprintInputs, type ConfigFingerprint } from './config-fingerprint.ts'
export { mergePartials, type NamedPartial } from './merge-partials.ts'
