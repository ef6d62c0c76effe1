/**
 * A value closing the line after `: ` written as a program literal (issue 12, round s42-ga;
 * discovery-literal.ts): a task runner's `Task <name>[<id>] succeeded in <s>s: <result>` is one statement
 * whatever its result (`None`, `True`, `'ok'`, `{'sent': 3}`, `[1, 2]`), and each result's tokens made it an
 * event per result. The first test fails without the rule. The second pins what it leaves apart: a reason of
 * words after `: `, which Loghub's OpenSSH ground truth labels an event per reason.
 */
import { describe, expect, it } from 'vitest'
import { discoverTemplates } from '../src/templates/index.ts'
import { isProgramLiteral } from '../src/templates/discovery-literal.ts'

const stamp = (i: number): string =>
  `[2026-11-03 06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')},${String((i * 37) % 1000).padStart(3, '0')}: INFO/ForkPoolWorker-${1 + (i % 3)}]`
const id = (i: number): string =>
  `${(0x1a2b3c4d + i * 7919).toString(16)}-5d6a-f6af-9b93-${(0x81256c61e01f + i).toString(16)}`

describe('a program literal closing the line after `: ` (s42-ga)', () => {
  it("groups a task's result lines as one event whatever the result's repr", () => {
    const results = ['None', 'True', "'ok'", "{'sent': 3}", "{'width': 640, 'height': 480}", '[1, 2, 3]', '42']
    const tasks = ['app.tasks.send_email', 'app.tasks.resize_image', 'billing.tasks.charge_card']
    const lines = Array.from(
      { length: 140 },
      (_, i) =>
        `${stamp(i)} celery.app.trace: Task ${tasks[i % 3]}[${id(i)}] succeeded in ${(i * 0.37).toFixed(6)}s: ${results[Math.floor(i / 3) % results.length]}`,
    )
    // a second statement, so the header is the stamp (with results alone it would run to the last `: `)
    const connected = Array.from(
      { length: 40 },
      (_, i) => `${stamp(i)} celery.worker.consumer.connection: Connected to redis://redis:6379/${i % 4}`,
    )
    const { events } = discoverTemplates([...lines, ...connected])
    expect(new Set(events.slice(0, lines.length)).size).toBe(1)
    expect(new Set(events).size).toBe(2)
  })

  it('keeps apart reasons of words after `: `, as Loghub labels them', () => {
    const reasons = ['Bye Bye', 'disconnected by user', 'Closed due to user request.']
    const lines = Array.from(
      { length: 90 },
      (_, i) =>
        `Dec 10 07:${String(i % 60).padStart(2, '0')}:11 LabSZ sshd[${24000 + i}]: Received disconnect from 10.0.${i % 9}.${i % 200}: 11: ${reasons[Math.floor(i / 3) % 3]} [preauth]`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(3)
  })

  it('reads one literal, not a run of them or of words', () => {
    for (const literal of [
      'None',
      'true',
      '-3.5e2',
      "'ok'",
      '"a b"',
      "{'a': [1, (2, 3)]}",
      "KeyError('user_id')",
      '[]',
    ])
      expect(isProgramLiteral(literal)).toBe(true)
    for (const text of ['Bye Bye', '{a} and {b}', "KeyError('x') raised", 'none', '[1, 2', 'insufficient funds'])
      expect(isProgramLiteral(text)).toBe(false)
  })

  // s43-rev2 M1: the SQL rule looked at the opening words only, and read English prompts as one SQL literal
  it('reads a SQL statement as a literal, not a sentence that opens like one', () => {
    for (const sql of [
      'select * from users',
      'SELECT id, name FROM accounts WHERE id = ?',
      'insert into orders values ($1, $2)',
      'update accounts set balance = balance - 10 where id = 7',
      'delete from sessions where expires < now()',
      'with recent as (select * from t) select 1',
    ])
      expect(isProgramLiteral(sql)).toBe(true)
    for (const text of [
      'Delete from cache: 3 entries',
      'With luck as (expected) it passes',
      'select a mirror from the list below',
      'Select your time zone from the map',
      'insert into slot 2 a spare disk',
    ])
      expect(isProgramLiteral(text)).toBe(false)
  })
})
