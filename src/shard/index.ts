/** Sharded runs: the partition of a corpus into N shards, the partial file a shard writes, and the merge of partials. */
export { createShardShare, parseShard, shardOf, PARTITION, type CorpusCount, type ShardSpec } from './partition.ts'
export {
  createPartialFile,
  fingerprintInputs,
  parsePartial,
  readPartialFile,
  serializePartial,
  PARTIAL_FORMAT,
  PARTIAL_FORMAT_VERSION,
  PARTIAL_NAME,
  type PartialFile,
  type PartialFingerprints,
} from './partial-file.ts'
export { mergePartials, type MergedShards, type NamedPartial } from './merge-partials.ts'
