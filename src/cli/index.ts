export { runCli, renderUsage } from './cli.ts'
export { EXIT, isPlainOutput, type CliIo } from './io.ts'
