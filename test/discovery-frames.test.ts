/**
 * A parameter that is a phrase of one to several words (issue 12, round s32-gen: a service name, a
 * reason, a thread name). Clustering groups lines by token count, so each phrase length was a group of
 * its own and each phrase's words were constant in it: one event per phrase. The test of the class
 * fails without the frame rule (discovery-cluster.ts `mergeFrames`); the others pin what the rule
 * leaves apart, and the property round-trips stores discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

const SERVICES = [
  'Windows Update',
  'Print Spooler',
  'Background Intelligent Transfer Service',
  'Volume Shadow Copy',
  'Software Protection',
  'WinHTTP Web Proxy Auto-Discovery Service',
]

function header(i: number): string {
  return `2026-11-03 07:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} WKS-${1000 + (i % 9)}`
}

describe('a parameter filled by phrases of several lengths (s32-gen)', () => {
  it('groups the lines of one statement whose parameter is a phrase of one to five words as one event', () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) => `${header(i)} The ${SERVICES[i % SERVICES.length]} service entered the running state.`,
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(1)
  })

  it('keeps two statements apart when they differ in a phrase and only two phrases fill the place', () => {
    // `started` / `shutting down`: two runs are what two events differing in a phrase look like
    const lines = Array.from(
      { length: 60 },
      (_, i) =>
        `[2026-11-03 02:25:${String(i % 60).padStart(2, '0')},986] INFO [KafkaServer id=${1 + (i % 5)}] ${i % 2 === 0 ? 'started' : 'shutting down'} (kafka.server.KafkaServer)`,
    )
    const { events } = discoverTemplates(lines)
    expect(events[0]).not.toBe(events[1])
    expect(new Set(events).size).toBe(2)
  })

  it('does not merge through a run that holds a value, nor a run longer than the words around it', () => {
    const lines = Array.from({ length: 90 }, (_, i) => {
      const server = `be_api/api-0${i % 4}`
      if (i % 3 === 0) return `Server ${server} is DOWN, reason: Layer4 timeout, check duration: ${i}ms. 2 active left.`
      if (i % 3 === 1) return `Server ${server} is going DOWN for maintenance. 2 active left.`
      return `Server ${server} is UP, reason: Layer7 check passed, check duration: ${i}ms. 3 active left.`
    })
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(3)
  })

  it('round-trips every training message of logs with phrase parameters', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const phrase = fc.constantFrom(...SERVICES, 'idle', 'link up', 'a b c d e f g')
    const line = fc
      .tuple(fc.nat(500), phrase, fc.constantFrom('running', 'stopped'))
      .map(([i, name, state]) => `${header(i)} The ${name} service entered the ${state} state.`)
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 32, numRuns: 20 },
    )
  }, 120_000)
})
