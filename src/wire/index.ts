/** Wire truth: replaying recorded connections over a real WebSocket on 127.0.0.1 and counting socket bytes. */
export { MAX_MEMORY_CONNECTIONS, replaySuite } from './replay-suite.ts'
export { renderReplay } from './replay-report.ts'
