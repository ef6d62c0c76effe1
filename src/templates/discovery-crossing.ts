/**
 * Crossed columns (s37-ga round; issue 12): where clustering's last resort splits a shape whose word
 * columns mostly vary (discovery-cluster.ts splitGroup), columns whose words combine freely are
 * parameters of one event; splitGroup still splits there and joins the clusters' events.
 */
import type { ClusterMember } from './discovery-members.ts'
import { VALUE_MARK } from './discovery-phrases.ts'

/**
 * The columns whose words cross those of another varying column: each has two or more words and
 * every pair of a word of one and a word of the other is on two or more members. splitGroup's last
 * resort takes a shape where most words vary for unrelated events that share it, whose words come
 * together (one event's words on its lines, another's on its); words that combine freely, every one
 * with every other again and again, are filled in independently: parameters of one event (a proxy's
 * TCP record, its frontend crossing its termination state). Such columns are still split on, so each
 * cluster keeps its template and no byte changes, but the clusters below that differ only in them are
 * one event (crossedJoinKey; s37-ga round). No parameter: the two members per pair are what step 3
 * asks of a word naming events.
 */
export function crossedColumns(members: readonly ClusterMember[], varying: readonly number[]): number[] {
  // each column's distinct words once, then only the pairs whose product two members per pair can fill
  const words = varying.map((column) => new Set(members.map((m) => masked(m, column))))
  const crossed = new Set<number>()
  for (let i = 0; i < varying.length; i++) {
    for (let j = i + 1; j < varying.length; j++) {
      const [a, b] = [words[i] as Set<string>, words[j] as Set<string>]
      if (a.size < 2 || b.size < 2 || a.size * b.size * 2 > members.length) continue
      if (crossed.has(varying[i] as number) && crossed.has(varying[j] as number)) continue
      const pairs = new Map<string, number>()
      for (const m of members) {
        const key = `${masked(m, varying[i] as number)}\u0000${masked(m, varying[j] as number)}`
        pairs.set(key, (pairs.get(key) ?? 0) + 1)
      }
      if (pairs.size === a.size * b.size && [...pairs.values()].every((n) => n >= 2)) {
        crossed.add(varying[i] as number)
        crossed.add(varying[j] as number)
      }
    }
  }
  return varying.filter((column) => crossed.has(column))
}

/** What splitting sees of a token: the word itself, or one mark for every value (as discovery-cluster.ts `masked`). */
function masked(member: ClusterMember, column: number): string {
  return member.role(column) === 'word' ? member.token(column) : VALUE_MARK
}
