/** Wire truth: replaying recorded connections over a real WebSocket on 127.0.0.1 and counting socket bytes. */
export { replaySuite, renderReplay } from './replay-suite.ts'
