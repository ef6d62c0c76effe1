/** Wire truth: replaying recorded connections over a real WebSocket on 127.0.0.1 and counting socket bytes. */
export {
  measureWireMemory,
  openWireServer,
  replayConnection,
  type ConnectionReplay,
  type WireConfig,
  type WireConnection,
  type WirePermessageDeflate,
  type WireServer,
} from './socket-replay.ts'
export { permessageDeflateWireConfig, perMessageWireConfig, rawWireConfig, statefulWireConfig } from './configs.ts'
export { CLIENT_CLOSE_BYTES, expectedWireBytes, frameHeaderBytes, SERVER_CLOSE_BYTES } from './framing.ts'
export { replaySuite, renderReplay, type ReplayReport } from './replay-suite.ts'
