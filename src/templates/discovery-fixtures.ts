/** Seeded synthetic logs with known templates, for discovery tests (no I/O, no clock). */
import { createRandom } from '../core/index.ts'

/** One generated line and the template (event) that produced it. */
export interface SyntheticLine {
  readonly text: string
  readonly event: string
}

const USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'peggy',
  'trent',
  'victor',
  'walter',
]
const TABLES = ['orders', 'users', 'payments', 'sessions', 'events', 'carts', 'invoices', 'refunds', 'items', 'audit']

/** The literal words of each template of syntheticLog, by event name. */
export const SYNTHETIC_EVENTS = {
  request: ['INFO', 'worker', 'Request', 'completed', 'in'],
  slow: ['WARN', 'db', 'Slow', 'query', 'on', 'table', 'took'],
  login: ['ERROR', 'auth', 'Login', 'failed', 'for', 'user', 'from'],
  cache: ['INFO', 'cache', 'Cache', 'hit', 'ratio', 'for', 'shard'],
  upload: ['INFO', 'store', 'Stored', 'object', 'checksum', 'owner'],
} as const

/**
 * `count` log lines of five known templates behind a `2024-03-DD HH:MM:SS.mmm` header. Values
 * cover the slot types discovery can choose: zero-padded and plain integers, negative numbers,
 * decimals, IPv4 addresses, UUIDs, hex digests, ISO dates, and word values with few and many choices.
 */
export function syntheticLog(count: number, seed: number): SyntheticLine[] {
  const random = createRandom(seed)
  const int = (max: number): number => Math.floor(random() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const pad = (value: number, width: number): string => String(value).padStart(width, '0')
  const hex = (digits: number): string => Array.from({ length: digits }, () => '0123456789abcdef'[int(16)]).join('')
  const lines: SyntheticLine[] = []
  for (let i = 0; i < count; i++) {
    const header = `2024-03-${pad(1 + int(28), 2)} ${pad(int(24), 2)}:${pad(int(60), 2)}:${pad(int(60), 2)}.${pad(int(1000), 3)}`
    const event = pick(Object.keys(SYNTHETIC_EVENTS) as (keyof typeof SYNTHETIC_EVENTS)[])
    let body: string
    if (event === 'request') body = `INFO [worker-${int(8)}] Request ${int(1_000_000)} completed in ${int(2000)}ms`
    else if (event === 'slow')
      body = `WARN [db] Slow query on table ${pick(TABLES)} took ${(random() * 90).toFixed(2)} s`
    else if (event === 'login')
      body = `ERROR [auth] Login failed for user ${pick(USERS)} from ${int(256)}.${int(256)}.${int(256)}.${int(256)}`
    else if (event === 'cache')
      body = `INFO [cache] Cache hit ratio ${random().toFixed(3)} for shard ${int(2) === 0 ? '-' : ''}${int(40)}`
    else
      body = `INFO [store] Stored object ${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)} checksum 0x${hex(16)} owner ${pick(USERS)}`
    lines.push({ text: `${header} ${body}`, event })
  }
  return lines
}
