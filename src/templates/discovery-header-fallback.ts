/**
 * When a cluster needs the fallback template with its header words as slots (discovery.ts, step 2).
 *
 * The fallback is for a header field training cannot tell will change: one that holds the same
 * token on every training line (a host name, a constant level or separator), so a line from another
 * host would miss the literal template. A header field that takes several words over the training
 * lines while each cluster keeps one (a component or class name: `storage.BlockManager` for one
 * event, `executor.Executor` for another) names the cluster's event, like a content word: the
 * literal template is the event's, and a fallback would only make each of its lines match two
 * templates (twice the matcher's work, issue 13). A cluster gets the fallback when any of its header
 * fields is of the first kind; the fallback then has every header word as a slot.
 *
 * Header tokens are compared by their place among a message's header tokens (the first, the second, ...).
 */
import type { ClusterMember, MessageCluster } from './discovery-cluster.ts'

function headerTokens(member: ClusterMember): string[] {
  const tokens: string[] = []
  for (let c = 0; c < member.width; c++) if (member.role(c) === 'header') tokens.push(member.token(c))
  return tokens
}

/** `needed(member)`: true when the cluster of `member` needs the header fallback (see the file comment). */
export function headerFallbackNeed(clusters: readonly MessageCluster[]): (member: ClusterMember) => boolean {
  const seen: Set<string>[] = []
  for (const cluster of clusters)
    for (const member of cluster.members)
      headerTokens(member).forEach((token, place) => (seen[place] ??= new Set()).add(token))
  return (member) => headerTokens(member).some((_token, place) => seen[place]?.size === 1)
}
