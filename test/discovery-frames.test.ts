/**
 * A parameter that is a phrase of one to several words (issue 12, round s32-gen: a service name, a
 * reason, a signal name, a cron command). Clustering groups lines by token count, so each phrase length
 * was a group of its own and each phrase's words were constant in it: one event per phrase. The test of
 * each class fails without its rule (discovery-phrases.ts `mergeFrames`, `bracketTextKeys`); the others
 * pin what the rules leave apart, and the property round-trips stores discovered from such logs. s41-ga: a
 * bracketed field may hold balanced brackets (discovery-tokens.ts `bracketedFields`; the test fails without it).
 * s42-ga: a bracketed phrase of a fixed word count that three phrases or more fill is free text too
 * (discovery-phrases.ts `PHRASES_OF_A_PLACE`; the test fails without it).
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

  it('groups phrases whose first word varies in other phrases of the same length as one event (s36-ga)', () => {
    // `Windows Update`, `Windows Time`, `Windows Search`: their second word varies, so `Windows` is a value
    // word there; the phrase holding it is still words, not a value, and fills the same frame
    const services = [...SERVICES.slice(0, 4), 'Windows Time', 'Windows Search']
    const lines = Array.from({ length: 120 }, (_, i) =>
      i % 4 === 3
        ? `${header(i)} The Event log service was started with ${i} records.`
        : `${header(i)} The ${services[i % services.length]} service entered the running state.`,
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(2)
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

  it('groups lines that differ only in a bracketed field of free text as one event', () => {
    const signals = [
      ['9', 'Killed'],
      ['11', 'Segmentation fault'],
      ['6', 'Aborted'],
    ]
    const exits = Array.from({ length: 60 }, (_, i) => {
      const [number, name] = signals[i % 3] as string[]
      return `11-03 09:13:${String(i % 60).padStart(2, '0')}.322  4949  5244 I Zygote: Process ${9000 + i} exited due to signal ${number} (${name})`
    })
    expect(new Set(discoverTemplates(exits).events).size).toBe(1)
    const commands = [
      'run-parts /etc/cron.hourly',
      '/usr/local/bin/backup.sh',
      'certbot renew -q',
      'logrotate /etc/logrotate.conf',
    ]
    const users = ['backup', 'root', 'www-data']
    const cron = Array.from(
      { length: 96 },
      (_, i) =>
        `Nov 30 22:${String(i % 60).padStart(2, '0')}:30 db01 CRON[${19000 + i}]: (${users[i % 3]}) CMD (${commands[Math.floor(i / 3) % 4]})`,
    )
    expect(new Set(discoverTemplates(cron).events).size).toBe(1)
  })

  it('groups lines that differ only in a bracketed field holding balanced brackets (s41-ga)', () => {
    // a cron command with a subshell or a test in brackets: the field is still one, its brackets balanced
    const commands = [
      'run-parts /etc/cron.hourly',
      'test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )',
      '[ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean',
      'certbot renew -q',
    ]
    const users = ['backup', 'root', 'www-data']
    const cron = Array.from(
      { length: 96 },
      (_, i) =>
        `Nov 30 22:${String(i % 60).padStart(2, '0')}:30 db01 CRON[${19000 + i}]: (${users[i % 3]}) CMD (${commands[Math.floor(i / 3) % 4]})`,
    )
    expect(new Set(discoverTemplates(cron).events).size).toBe(1)
    // a bracket left open or closed by the other kind is no field: those lines stay their own events
    const broken = cron.map((line) => line.replace('|| ( cd', '|| ] cd'))
    expect(new Set(discoverTemplates(broken).events).size).toBeGreaterThan(1)
  })

  it('keeps events apart that differ inside a bracketed field whose word count never varies', () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) =>
        `Notification: ${i % 5} (n.leader), 0x${(4096 + i).toString(16)} (${i % 2 === 0 ? 'LOOKING' : 'LEADING'})`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(2)
  })

  it('groups lines that differ only in a bracketed phrase of a fixed word count filling one place three ways or more (s42-ga)', () => {
    // a stop reason of three words: each phrase's words pair with each other, so clustering split per phrase
    const reasons = [
      'lost upstream connection',
      'disk quota exceeded',
      'operator requested stop',
      'memory limit reached',
    ]
    const lines = Array.from(
      { length: 96 },
      (_, i) => `${header(i)} job ${7000 + i} stopped (${reasons[Math.floor(i / 3) % 4]}) after ${1 + (i % 17)} s`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(1)
    // two phrases may be a literal pair of statements: they stay two events
    const pair = lines.map((line, i) => line.replace(/\(.*\)/, i % 2 === 0 ? '(read only mode)' : '(read write mode)'))
    expect(new Set(discoverTemplates(pair).events).size).toBe(2)
  })

  it('round-trips every training message of logs with phrase parameters', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const phrase = fc.constantFrom(...SERVICES, 'idle', 'link up', 'a b c d e f g')
    const line = fc
      .tuple(fc.nat(500), phrase, fc.constantFrom('running', 'stopped'))
      .map(([i, name, state]) =>
        i % 2 === 0
          ? `${header(i)} The ${name} service entered the ${state} state.`
          : `${header(i)} Process ${i} exited (${name}) after ${state}`,
      )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 32, numRuns: 20 },
    )
  }, 120_000)
})
