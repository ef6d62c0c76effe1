/**
 * Round s43-ga (issue 12): two classes of a value a program fills in that made one statement several events.
 * 1. A single-quoted value (discovery-tokens.ts `allQuotedFields`): `cluster 'outbound|8080||ratings' match`,
 *    cut at its `|` and `.`, had another token count than `cluster 'service_users' match`, so each shape of
 *    the value was an event; single quotes now enclose a field as double quotes do.
 * 2. Code closing the line after `: ` (discovery-literal.ts `THROWN`, `SQL`): an exception as a program
 *    prints it (`java.net.SocketTimeoutException: Read timed out`) and a SQL statement are values, as a
 *    Python repr is since s42-ga.
 * Each first test fails without its rule; the guards pin what stays apart.
 */
import { describe, expect, it } from 'vitest'
import { isProgramLiteral } from '../src/templates/discovery-literal.ts'
import { discoverTemplates } from '../src/templates/index.ts'

const stamp = (i: number): string =>
  `2026-11-03T06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String((i * 37) % 1000).padStart(3, '0')}Z`
/** a second statement, so the header is the stamp and the shapes are judged against another event */
const other = (n: number, at: number): string[] =>
  Array.from(
    { length: n },
    (_, i) => `${stamp(i + at)} INFO 4000 --- [main] c.e.Sched : Sweeper ran, removed ${i * 3} rows`,
  )

describe('single-quoted values (s43-ga)', () => {
  it('groups lines whose single-quoted value has other punctuation in it as one event', () => {
    const clusters = [
      'service_users',
      'xds_cluster',
      'outbound|8080||ratings.default.svc.cluster.local',
      'service_orders',
    ]
    const urls = ['/healthz', '/api/v1/orders', `/api/v1/users/17`, '/ratings.v1.Ratings/Get']
    const lines = Array.from(
      { length: 120 },
      (_, i) =>
        `${stamp(i)} DEBUG 4000 --- [worker-${i % 4}] router : [C${1000 + i * 13}] cluster '${clusters[i % 4]}' match for URL '${urls[Math.floor(i / 4) % 4]}'`,
    )
    const { events } = discoverTemplates([...lines, ...other(40, 7)])
    expect(new Set(events.slice(0, lines.length)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })

  it("opens no field at an apostrophe inside a word (can't, users')", () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0
        ? `${stamp(i)} WARN 4000 --- [main] c.e.Mail : can't reach relay ${i % 7}, users' queue kept`
        : `${stamp(i)} WARN 4000 --- [main] c.e.Mail : can't open spool ${i % 7}, users' mail kept`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(2)
  })
})

describe('code closing the line after `: ` (s43-ga)', () => {
  it('groups a request failure as one event whatever the exception', () => {
    const errors = [
      'java.net.SocketTimeoutException: Read timed out',
      'java.lang.NullPointerException',
      'java.lang.IllegalStateException: Cart is empty',
      'org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [uk_customer_email]',
      'System.IO.IOException: Unable to read data from the transport connection',
    ]
    const lines = Array.from(
      { length: 100 },
      (_, i) =>
        `${stamp(i)} ERROR 4001 --- [nio-8080-exec-${i % 9}] c.e.shop.web.ErrorHandler : Request failed: ${errors[i % 5]}`,
    )
    const { events } = discoverTemplates([...lines, ...other(40, 3)])
    expect(new Set(events.slice(0, lines.length)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })

  it('groups a slow-query line as one event whatever the query', () => {
    const queries = [
      'select o.id, o.total from orders o where o.customer_id=?',
      'update stock set qty=qty-? where product_id=?',
      'select count(*) from order_items',
      'DELETE FROM sessions WHERE expires < now()',
      'insert into audit (who, what) values (?, ?)',
    ]
    const lines = Array.from(
      { length: 100 },
      (_, i) =>
        `${stamp(i)} WARN 4000 --- [nio-8080-exec-${i % 9}] c.e.shop.db.QueryLogger : Slow query (${500 + i * 37} ms): ${queries[i % 5]}`,
    )
    const { events } = discoverTemplates([...lines, ...other(40, 5)])
    expect(new Set(events.slice(0, lines.length)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })

  it("groups a task's result lines whatever the repr, bytes, a default object repr, JavaScript's and C's specials too (s42-rev2 F3)", () => {
    const results = ["b'\\x00'", '<User: alice>', 'undefined', "Decimal('1.50')", '-inf', 'NaN', '<nil>']
    const lines = Array.from(
      { length: 140 },
      (_, i) =>
        `${stamp(i)} INFO 4000 --- [worker-${i % 3}] c.e.Tasks : Task app.tasks.t${i % 3}[${(0x1a2b3c + i * 7919).toString(16)}] succeeded in ${(i * 0.37).toFixed(6)}s: ${results[Math.floor(i / 3) % results.length]}`,
    )
    const { events } = discoverTemplates([...lines, ...other(40, 9)])
    expect(new Set(events.slice(0, lines.length)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })

  it('reads an exception or a query as a literal, and not a constant, a label or a sentence', () => {
    for (const text of [
      'java.lang.NullPointerException',
      'java.io.IOException: ZooKeeperServer not running',
      'requests.exceptions.ConnectionError: HTTPSConnectionPool(host=x)',
      'select * from t',
      'WITH recent AS (select 1) select * from recent',
    ])
      expect(isProgramLiteral(text)).toBe(true)
    for (const text of [
      'android.intent.action.SCREEN_ON',
      'Error: disk full',
      'KeyError: user',
      'update available from mirror',
    ])
      expect(isProgramLiteral(text)).toBe(false)
  })
})
