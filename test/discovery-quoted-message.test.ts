/**
 * Round s44-ga (issue 12): a quoted field that holds the statement itself. A logfmt line (Go's logrus, and
 * the many programs that write `key=value` records) carries its message in a quoted field:
 * `time="..." level=info msg="Layer sha256:9f… cleaned up"`. Its word count varies between lines (one
 * statement has three words, another ten), so s31's rule took it whole: one token, a value, and every
 * statement written that way was one event. Now, where for two or more leading words the lines whose field
 * starts with that word agree on its word count and differ only in tokens holding a digit (statements with
 * values in them), the field is cut as text (discovery-cluster.ts `quotedFieldPlan`, discovery-message-field.ts).
 * The first test fails without the rule; the guards pin what stays as before: a field of few fixed texts
 * after a key (`error="No cluster leader"`) is one value, and a user agent stays one token, also when two of
 * its texts have one leading word and one word count (`Mozilla/5.0 (iPhone; ...)`, `Mozilla/5.0 (Windows NT
 * ...)`: a first version of the rule cut them, tripling the generated nginx log's store).
 * Two more classes of the same round, each with a test that fails without its rule:
 * - a quote a backslash escapes does not close a quoted field (discovery-tokens.ts `closingQuote`: Go's %q,
 *   logfmt and JSON strings write `msg="pull failed: Get \"https://r/v2/\": no route to host"`);
 * - a full stop ending the line may follow a field's closing bracket or quote (discovery-tokens.ts
 *   `closingEdge`: `Aborted connection 7 to db: 'shop' (Got timeout reading communication packets).`).
 */
import { describe, expect, it } from 'vitest'
import { discoverTemplates } from '../src/templates/index.ts'

const stamp = (i: number): string =>
  `2026-11-03T06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String((i * 37) % 1000).padStart(3, '0')}`
const hex = (i: number, n: number): string =>
  Array.from({ length: n }, (_, k) => '0123456789abcdef'[(i * 7 + k * 13 + ((i * k) % 5)) % 16]).join('')
const logfmt = (i: number, level: string, msg: string): string => `time="${stamp(i)}Z" level=${level} msg="${msg}"`

describe('a quoted field holding the statement (s44-ga)', () => {
  it('groups logfmt lines by the statement in their msg field', () => {
    const statements: ((i: number) => string)[] = [
      (i) => `Layer sha256:${hex(i, 64)} cleaned up`,
      (i) => `Firewalld: interface br-${hex(i + 3, 12)} already part of docker zone, returning`,
      (i) => `Container failed to exit within ${[10, 30, 2][i % 3]}s of signal ${[15, 3, 2][i % 3]} - using the force`,
      (i) => `API listen on /run/docker-${i % 9}.sock`,
    ]
    const lines = Array.from({ length: 160 }, (_, i) =>
      logfmt(i, ['info', 'warning'][i % 2] as string, (statements[i % 4] as (i: number) => string)(i)),
    )
    const { events } = discoverTemplates(lines)
    for (let s = 0; s < 4; s++) expect(new Set(events.filter((_, i) => i % 4 === s)).size).toBe(1)
    expect(new Set(events).size).toBe(4)
  })

  it('keeps a keyed field of a few fixed texts one value (guard)', () => {
    const errors = [
      'No cluster leader',
      'Permission denied',
      'rpc error making call: rpc error making call: No cluster leader',
    ]
    const lines = Array.from(
      { length: 90 },
      (_, i) =>
        `${stamp(i)} [ERROR] agent.http: Request error: method=GET url=/v1/kv/config/${i % 11} from=127.0.0.1:${1024 + i * 37} error="${errors[i % 3]}"`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(1)
  })

  it('keeps a user agent one token (guard)', () => {
    const agents = [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      'curl/8.4.0',
      'kube-probe/1.28',
      'python-requests/2.31.0',
    ]
    const lines = Array.from(
      { length: 100 },
      (_, i) =>
        `10.0.${i % 7}.${i} - - [03/Nov/2026:06:00:${String(i % 60).padStart(2, '0')} +0000] "GET /index.html HTTP/1.1" 200 ${512 + i} "-" "${agents[i % 5]}"`,
    )
    const { events, store } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(1)
    // the agent is one slot of the template, not cut into its words
    expect(store.templates.filter((t) => t.pattern.includes('Windows'))).toEqual([])
  })
})

describe('escaped quotes and a closing full stop (s44-ga)', () => {
  it('groups logfmt lines whose message holds escaped quotes with the others of their statement', () => {
    const reasons = [
      'manifest unknown: manifest unknown',
      'unauthorized: authentication required',
      'Get \\"https://registry.internal:5000/v2/\\": dial tcp 10.0.0.9:5000: connect: no route to host',
      'Get \\"https://mirror.internal/v2/\\": context deadline exceeded',
    ]
    const lines = Array.from({ length: 160 }, (_, i) =>
      i % 4 === 2
        ? logfmt(i, 'info', `Layer sha256:${hex(i, 64)} cleaned up`)
        : i % 4 === 3
          ? logfmt(i, 'info', `Container failed to exit within ${[10, 30, 2][i % 3]}s of signal ${[15, 3][i % 2]}`)
          : logfmt(i, 'info', `Attempting next endpoint for pull after error: ${reasons[(i >> 2) % 4]}`),
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events.filter((_, i) => i % 4 < 2)).size).toBe(1)
    expect(new Set(events).size).toBe(3)
  })

  it('reads a bracketed reason before the full stop ending the line as a field', () => {
    const reasons = [
      'Got an error reading communication packets',
      'Got timeout reading communication packets',
      'Got an error writing communication packets',
      'Got timeout writing communication packets',
    ]
    const [dbs, users] = [
      ['shop', 'billing', 'analytics', 'wp_site'],
      ['app', 'report_ro', 'root', 'wp_user', 'repl', 'etl'],
    ]
    const line = (i: number): string =>
      `${stamp(i)}Z ${100 + i * 7} [Note] [MY-010914] [Server] Aborted connection ${9000 + i * 31} to db: '${dbs[(i * 7) % 4]}' user: '${users[(i * 5) % 6]}' host: '10.0.${i % 9}.${i}' (${reasons[(i * 3 + (i >> 2)) % 4]})`
    const lines = Array.from({ length: 200 }, (_, i) => line(i))
    // without the full stop the reason is a bracketed field of free text already (s42-ga), with it now too
    expect(new Set(discoverTemplates(lines).events).size).toBe(1)
    expect(new Set(discoverTemplates(lines.map((text) => `${text}.`)).events).size).toBe(1)
  })

  it('closes a Windows path at its quote when nothing past the escapes closes the field (review s44-rev2 M1)', () => {
    const folders = [
      'C:\\Users\\bob\\My Documents\\',
      'D:\\Backup\\',
      'E:\\Shared Data\\Q1 Reports\\Final\\',
      'C:\\Temp\\',
    ]
    const lines = Array.from({ length: 200 }, (_, i) => {
      const at = `2026-12-08 06:${String(i % 60).padStart(2, '0')}:00`
      const from = folders[i % 4] as string
      const to = folders[(i + 1) % 4] as string
      return i % 2 === 0
        ? `${at} INFO copied ${100 + ((i * 37) % 900)} files from "${from}" to "${to}"`
        : `${at} WARN skipped ${100 + ((i * 53) % 900)} locked files in "${to}"`
    })
    const { events } = discoverTemplates(lines)
    expect(new Set(events.filter((_, i) => i % 2 === 0)).size).toBe(1)
    expect(new Set(events.filter((_, i) => i % 2 === 1)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })
})
