/** RFC 7692 permessage-deflate now lives with the stateful hybrid (src/stateful); the comparison keeps its import path. */
export {
  createPermessageDeflateConnection,
  SYNC_FLUSH_TAIL,
  trimSyncFlushTail,
  type PermessageDeflateConnection,
  type PermessageDeflateOptions,
} from '../stateful/index.ts'
