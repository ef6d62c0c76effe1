/**
 * compare's memory probe, one entry per child process (round 39; s38-trial D6). Measured one after another in one
 * process, an entry's RSS growth depended on the entries probed before it: their freed buffers (each connection's
 * warm-up output, a first connection closed) stay resident in the C allocator's free lists, and glibc raises its mmap
 * threshold after a large block is freed (zstd_stream's 1.5 MiB contexts), so later allocations that would have been
 * fresh mmapped pages come from those resident free lists and grow RSS by little or nothing (a stateful config read
 * 0-37 KB after the pmd and zstd_stream entries, 154-216 KiB alone). In a process of its own each entry starts from
 * the same state: a fresh process that loaded this module, opened and closed one connection, then holds N open.
 */
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createZstdStreamConnection } from '../codecs/index.ts'
import { AuraError, type ErrorCode, type ErrorLocation } from '../core/index.ts'
import { openStatefulPair, type StatefulOptions } from '../stateful/index.ts'
import { ComparisonAborted } from './pace.ts'
import type { StatefulCodec } from './measure-stateful-entry.ts'
import { createPermessageDeflateConnection } from './permessage-deflate.ts'

/** What a child process needs to open an entry's connections: plain data (sent over the IPC channel). */
export type ProbeCodecSpec =
  | { kind: 'permessage_deflate'; level: number; windowBits: number; memLevel: number; contextTakeover: boolean }
  | { kind: 'zstd_stream'; level: number; windowLog: number }
  | { kind: 'hybrid'; options: StatefulOptions }

/** What the parent sends the child. */
export interface ProbeRequest {
  codec: ProbeCodecSpec
  warm: Uint8Array
  connections: number
}

/** The child's error: an AuraError's code, message, location and hint, or a bug's message and stack (no code). */
export interface ProbeFailure {
  code?: ErrorCode
  message: string
  /** the file, field and line the error names (absent when it names none) */
  location?: ErrorLocation
  hint?: string
  stack?: string
}

/** Growth per connection, as the child measured it. */
export interface ProbeGrowth {
  rssBytes: number
  retainedBytes: number
  /** s40-trial D1: the connections the growth is over, when the probe's budget stopped it before the count asked */
  connections?: number
}

/** The codec a spec names, opened as compare's measurement opens it. */
export function openProbeCodec(spec: ProbeCodecSpec): StatefulCodec {
  if (spec.kind === 'permessage_deflate') {
    const { level, windowBits, memLevel, contextTakeover } = spec
    return {
      library: 'node:zlib',
      open: () => createPermessageDeflateConnection({ level, windowBits, memLevel, contextTakeover }),
    }
  }
  if (spec.kind === 'zstd_stream')
    return {
      library: 'zstd-napi',
      open: () => createZstdStreamConnection({ level: spec.level, windowLog: spec.windowLog }),
    }
  return { library: spec.options.codec, open: () => openStatefulPair(spec.options) }
}

/**
 * A probe's child program (round 40: compare's and replay's): the file the child starts from, beside the module that
 * names it. Compiled (dist/<layer>, or dist/bin where the CLI is bundled): `<main>.js`, plain JavaScript. From source
 * (tests, tsx): compare's .mjs entry registers tsx in the child first, then imports `<main>.ts`.
 */
export interface ProbeProgram {
  entry: URL
  /** the module the .mjs entry imports (from source); none when compiled */
  module?: string
}

/** The child program `<main>` beside the module whose `import.meta.url` is `moduleUrl`. */
export function probeProgram(moduleUrl: string, main: string): ProbeProgram {
  if (moduleUrl.endsWith('.js')) return { entry: new URL(`./${main}.js`, moduleUrl) }
  return {
    entry: new URL('./memory-probe-entry.mjs', import.meta.url),
    module: new URL(`./${main}.ts`, moduleUrl).href,
  }
}

/**
 * True when a program's files are there (the package's dist, or the sources). A build that bundles the CLI into one
 * file of its own has none: the caller then probes in its own process, as before round 39 (the readings may then
 * depend on what was probed before; the clean-clone CI's bundled CLI found it).
 */
export function probeProgramAvailable(program: ProbeProgram): boolean {
  return (
    existsSync(fileURLToPath(program.entry)) &&
    (program.module === undefined || existsSync(fileURLToPath(program.module)))
  )
}

/** compare's child program. */
const COMPARE_PROBE = probeProgram(import.meta.url, 'memory-probe-main')

/** True when compare's child program is there (probeProgramAvailable). */
export function childProbeAvailable(): boolean {
  return probeProgramAvailable(COMPARE_PROBE)
}

/** Runs one entry's probe in a child process of compare and returns its growth per connection. */
export function probeInChildProcess(request: ProbeRequest, label: string, signal?: AbortSignal): Promise<ProbeGrowth> {
  return runProbeChild(COMPARE_PROBE, request, label, signal)
}

/**
 * Runs `program` in a child process, sends it `request` (plain data, over the IPC channel), and returns the growth per
 * connection it replies; `signal` (a stop) kills the child at once and rejects with ComparisonAborted; `label` names what is probed in errors (E_ENVIRONMENT when the machine ended it, E_INTERNAL
 * for a bug, a user error's own code otherwise).
 */
export function runProbeChild(
  program: ProbeProgram,
  request: object,
  label: string,
  signal?: AbortSignal,
): Promise<ProbeGrowth> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(new ComparisonAborted('aborted'))
    const child = fork(program.entry, program.module === undefined ? [] : [program.module], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    let settled = false
    const settle = (error: AuraError): void => {
      if (settled) return
      settled = true
      child.kill()
      reject(error)
    }
    // the machine's doing (the child could not start, or a signal ended it): exit 2, the environment
    const environment = (why: string): void =>
      settle(
        new AuraError('E_ENVIRONMENT', `the memory probe of ${label} in a child process failed: ${why}`, {
          field: 'connectionMemory',
        }),
      )
    // a bug (the child threw, or ended by itself before its reading): exit 3 with what the child knew (s39-rev3 F3)
    const internal = (why: string): void =>
      settle(new AuraError('E_INTERNAL', `the memory probe of ${label} in a child process failed: ${why}`))
    child.on('message', (reply: { growth?: ProbeGrowth; error?: ProbeFailure }) => {
      if (reply.growth !== undefined) {
        settled = true
        resolve(reply.growth)
        child.disconnect()
        return
      }
      const error = reply.error
      // a user's error as the child raised it: its file, field and hint (the probe's own field where it names none)
      if (error?.code !== undefined && error.code !== 'E_INTERNAL')
        return settle(
          new AuraError(
            error.code,
            `the memory probe of ${label}: ${error.message}`,
            error.location ?? { field: 'connectionMemory' },
            error.hint === undefined ? {} : { hint: error.hint },
          ),
        )
      internal(
        error === undefined ? 'no reading' : `${error.message}${error.stack === undefined ? '' : `\n${error.stack}`}`,
      )
    })
    child.on('error', (error) => environment(error.message))
    child.on('exit', (code, signal) =>
      signal === null
        ? internal(`it ended (exit ${code}) before its reading`)
        : environment(`it ended (${signal}) before its reading`),
    )
    // s40-trial D7: a stop ends the child at once (it took the CLI's whole 3 s grace, and outlived the CLI by 1-2 s)
    const onAbort = (): void => {
      if (settled) return
      settled = true
      child.kill('SIGKILL')
      reject(new ComparisonAborted('aborted'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    child.on('exit', () => signal?.removeEventListener('abort', onAbort))
    child.send(request as Parameters<typeof child.send>[0])
  })
}
