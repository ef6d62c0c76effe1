/**
 * A statement and the same words followed by values (issue 12, round s42-ga; discovery-cluster.ts
 * `endsInValues`): a program that logs `Concurrent Mark Cycle` when a phase starts and `Concurrent Mark
 * Cycle 627.753ms` when it ends writes two messages, and Loghub labels such pairs apart (`PCI: Probing PCI
 * hardware` / `... (bus <*>)`, `FOLLOWING` / `FOLLOWING - LEADER ELECTION TOOK - <*>`). Step 4's same-words
 * relation made them one event; the first test fails without the rule. The others pin what it leaves alone:
 * a value inserted between the words (`0 bytes sent` / `1190 bytes (1.16 KB) sent`), and a named field left
 * empty (`last-leader-id=` beside `last-leader-id=a1b2`).
 */
import { describe, expect, it } from 'vitest'
import { discoverTemplates } from '../src/templates/index.ts'

const stamp = (i: number): string =>
  `[2026-11-03T06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String((i * 37) % 1000).padStart(3, '0')}+0000][${(12.5 + i * 1.37).toFixed(3)}s][info][gc          ]`

describe('a statement and the same words followed by values (s42-ga)', () => {
  it('keeps apart a phase logged at its start and again with its time at its end', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      i % 2 === 0
        ? `${stamp(i)} GC(${40 + i}) Concurrent Mark Cycle`
        : `${stamp(i)} GC(${40 + i}) Concurrent Mark Cycle ${20 + ((i * 13) % 900)}.${100 + ((i * 7) % 900)}ms`,
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(2)
    expect(events[0]).not.toBe(events[1])
  })

  it('still groups a value inserted between the words of one statement', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      i % 2 === 0
        ? `2026-11-03 06:00:${String(i % 60).padStart(2, '0')} upload ${1000 + i}: 0 bytes sent`
        : `2026-11-03 06:00:${String(i % 60).padStart(2, '0')} upload ${1000 + i}: ${1100 + i * 31} bytes (${(1.1 + i / 100).toFixed(2)} KB) sent`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(1)
  })

  it('still groups a named field closing the line, empty or filled', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      i % 2 === 0
        ? `2026-11-03T06:00:${String(i % 60).padStart(2, '0')}.123Z [WARN]  agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr= last-leader-id=`
        : `2026-11-03T06:00:${String(i % 60).padStart(2, '0')}.123Z [WARN]  agent.server.raft: heartbeat timeout reached, starting election: last-leader-addr=10.0.0.${i % 9}:8300 last-leader-id=a1b2c3d${i % 9}`,
    )
    expect(new Set(discoverTemplates(lines).events).size).toBe(1)
  })

  // s42-rev2 F2: a list after a colon that may be empty is one statement
  it('still groups a list after a colon, empty or filled', () => {
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2
        ? `2026-11-03 06:00:${String(i % 60).padStart(2, '0')} INFO Worker ${i} started`
        : i % 3 === 0
          ? `2026-11-03 06:00:${String(i % 60).padStart(2, '0')} INFO Removed stale PIDs:`
          : `2026-11-03 06:00:${String(i % 60).padStart(2, '0')} INFO Removed stale PIDs: ${1000 + i} ${2000 + i}`,
    )
    const { events } = discoverTemplates(lines)
    expect(events[0]).toBe(events[1])
    expect(events[0]).not.toBe(events[2])
  })
})
