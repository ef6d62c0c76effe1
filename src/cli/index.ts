export { runCli } from './cli.ts'
export type { CliIo } from './io.ts'
