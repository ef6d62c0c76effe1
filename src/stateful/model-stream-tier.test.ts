/**
 * The per-bit loop stays in V8's optimized tier across a connection's first decode (s40-state).
 * Before the warm-up in createModelStreamFactory, priming compiled codeModelledByte with no type
 * feedback for the decoder's call, the first decode deoptimized it, and in about one process in six
 * it stayed in the baseline tier (~3x slower encodes for the rest of the process). The check runs in a
 * child process with V8's natives syntax and compiles on the main thread (--single-threaded), so the
 * tier it reads does not depend on a background compile's timing.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const MODEL_STREAM = new URL('./model-stream.ts', import.meta.url).href
const MODELLED_BYTE = new URL('./modelled-byte.ts', import.meta.url).href

// the child: registers tsx (it starts without vitest's transform), primes a factory with a 128 KiB
// dictionary (enough bits to make the loop hot), encodes 40 messages, decodes the first, prints the tiers
const CHILD = `
import { register } from 'tsx/esm/api'
register()
const ms = await import(${JSON.stringify(MODEL_STREAM)})
const mb = await import(${JSON.stringify(MODELLED_BYTE)})
const line = (i) => '{"id":' + (1000 + i * 7) + ',"user":"u' + (i % 13) + '","price":"' + (300 + (i * 37) % 91) + '.5","text":"message number ' + i + '"}\\n'
let dictionaryText = ''
for (let i = 0; dictionaryText.length < 131072; i++) dictionaryText += line(i)
const factory = ms.createModelStreamFactory(new TextEncoder().encode(dictionaryText), ms.cmSizes({ windowLog: 15, hashLog: 12 }))
const optimized = () => (%GetOptimizationStatus(mb.codeModelledByte) & 16) !== 0
const afterPriming = optimized()
const encode = factory.encoder()
const frames = []
for (let i = 0; i < 40; i++) frames.push(encode(new TextEncoder().encode(line(5000 + i))))
const afterEncoding = optimized()
const decoded = new TextDecoder().decode(factory.decoder(1 << 20)(frames[0]))
console.log(JSON.stringify({ afterPriming, afterEncoding, afterFirstDecode: optimized(), roundTrip: decoded === line(5000) }))
`

describe('cm per-bit loop tier', () => {
  it('stays optimized across the first decode (no deoptimization for missing decoder feedback)', () => {
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--single-threaded', '--input-type=module', '--eval', CHILD],
      { encoding: 'utf8', timeout: 120_000 },
    )
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual({
      afterPriming: true,
      afterEncoding: true,
      afterFirstDecode: true,
      roundTrip: true,
    })
  }, 150_000)
})
