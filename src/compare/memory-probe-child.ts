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
import { createZstdStreamConnection } from '../codecs/index.ts'
import { AuraError } from '../core/index.ts'
import { openStatefulPair, type StatefulOptions } from '../stateful/index.ts'
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

/** Growth per connection, as the child measured it. */
export interface ProbeGrowth {
  rssBytes: number
  retainedBytes: number
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

// Compiled (dist/compare, or dist/bin where the CLI is bundled): the child starts from plain JavaScript. From
// source (tests, tsx): the .mjs entry registers tsx in the child first, then imports the TypeScript module.
const COMPILED = import.meta.url.endsWith('.js')
const ENTRY = new URL(COMPILED ? './memory-probe-main.js' : './memory-probe-entry.mjs', import.meta.url)
const MODULE = new URL('./memory-probe-main.ts', import.meta.url).href

/** Runs one entry's probe in a child process and returns its growth per connection. */
export function probeInChildProcess(request: ProbeRequest, label: string): Promise<ProbeGrowth> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, COMPILED ? [] : [MODULE], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    let settled = false
    const fail = (why: string): void => {
      if (settled) return
      settled = true
      child.kill()
      reject(
        new AuraError('E_ENVIRONMENT', `the memory probe of ${label} in a child process failed: ${why}`, {
          field: 'connectionMemory',
        }),
      )
    }
    child.on('message', (reply: { growth?: ProbeGrowth; error?: string }) => {
      if (reply.growth === undefined) return fail(reply.error ?? 'no reading')
      settled = true
      resolve(reply.growth)
      child.disconnect()
    })
    child.on('error', (error) => fail(error.message))
    child.on('exit', (code, signal) => fail(`it ended (${signal ?? `exit ${code}`}) before its reading`))
    child.send(request)
  })
}
