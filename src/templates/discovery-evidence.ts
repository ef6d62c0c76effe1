/**
 * What the rest of a corpus says about a word (s33-ga round; issue 12). A group of lines of one shape
 * is split on a column of few words only when each word is on two lines or more (discovery-cluster.ts
 * step 3): a word seen once may be a value (one user among hundreds of `root`). Then a one-line event
 * that shares its shape with a frequent event and differs from it in a word is merged into it
 * (`Accepted password for u from ...` once beside `Failed password for root from ...` 383 times):
 * every line of the frequent event is then grouped wrong. The other groups of the corpus tell the two
 * cases apart without counting: a word that is the constant text of a cluster of another shape (two
 * lines or more) is event text, a word that varies in a cluster of another shape is a value. A column
 * whose recurring words are event text elsewhere and none of whose words is a value elsewhere names
 * events, and its words seen once are events too. Words are compared with their separators
 * (`wordInPlace`), as the value words of step 4 are. No parameter.
 */
import type { ClusterMember } from './discovery-members.ts'

/** Where words were seen, per shape group: a group number, or -1 when seen in two groups or more. */
export class WordEvidence {
  private readonly constantIn = new Map<string, number>()
  private readonly varyingIn = new Map<string, number>()

  /** Records a cluster (members of one group) of the first clustering pass. */
  add(
    group: number,
    members: readonly ClusterMember[],
    wordAt: (member: ClusterMember, column: number) => string,
  ): void {
    const first = members[0] as ClusterMember
    for (let c = 0; c < first.width; c++) {
      if (members.some((m) => m.role(c) === 'header' || m.role(c) === 'level')) continue
      const words = new Set<string>()
      let word = true
      for (const m of members) {
        if (m.role(c) === 'word') words.add(wordAt(m, c))
        else word = false
      }
      if (words.size === 0) continue
      if (words.size === 1 && word) {
        if (members.length >= 2) note(this.constantIn, words.values().next().value as string, group)
      } else for (const w of words) note(this.varyingIn, w, group)
    }
  }

  /** True when the word is the constant text of a cluster of two lines or more of a group other than `group`. */
  isTextElsewhere(word: string, group: number): boolean {
    const seen = this.constantIn.get(word)
    return seen !== undefined && seen !== group
  }

  /** True when the word varies in a cluster of a group other than `group`. */
  isValueElsewhere(word: string, group: number): boolean {
    const seen = this.varyingIn.get(word)
    return seen !== undefined && seen !== group
  }
}

function note(map: Map<string, number>, word: string, group: number): void {
  const seen = map.get(word)
  if (seen === undefined) map.set(word, group)
  else if (seen !== group) map.set(word, -1)
}

/**
 * True when a column of `parts` (its words, each part's members) names events by what the corpus's
 * other groups say (file comment): no word a value elsewhere, every word of two members or more
 * event text elsewhere, and at least one such word.
 */
export function namesEventsElsewhere(
  parts: ReadonlyMap<string, readonly ClusterMember[]>,
  column: number,
  group: number,
  evidence: WordEvidence,
  wordAt: (member: ClusterMember, column: number) => string,
): boolean {
  let recurring = 0
  for (const part of parts.values()) {
    const word = wordAt(part[0] as ClusterMember, column)
    if (evidence.isValueElsewhere(word, group)) return false
    if (part.length < 2) continue
    if (!evidence.isTextElsewhere(word, group)) return false
    recurring++
  }
  return recurring > 0
}
