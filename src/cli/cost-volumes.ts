/**
 * `cost --volume CORPUS=N` (round 40, s39-trial D5): each corpus of a suite projected at its own messages per day
 * (app logs 2B/day, nginx 5B/day, ...), so the total per config across corpora is one bill. A corpus the flag does
 * not name takes `--messages-per-day` (or the suite's `cost.messages_per_day`), each of its scenarios as before.
 */
import { AuraError, didYouMean } from '../core/index.ts'
import type { CostScenario } from '../report/index.ts'
import { parseCountText } from '../suite/index.ts'

/** Messages per day by corpus name, as `--volume` gave them (undefined when the flag is not given). */
export type Volumes = ReadonlyMap<string, number>

const HINT = 'e.g. --volume app=2B --volume nginx=5B (a corpus name as the suite or the file names it, = , a count)'

/** Parses each `CORPUS=N` (the last `=` splits, so a name may hold one); E_USAGE at `--volume` otherwise. */
export function parseVolumes(texts: readonly string[] | undefined): Volumes | undefined {
  if (texts === undefined || texts.length === 0) return undefined
  const volumes = new Map<string, number>()
  for (const text of texts) {
    const at = text.lastIndexOf('=')
    const name = at < 0 ? '' : text.slice(0, at).trim()
    const count = at < 0 ? undefined : parseCountText(text.slice(at + 1))
    if (name === '' || count === undefined || !Number.isFinite(count) || count <= 0)
      throw new AuraError(
        'E_USAGE',
        `--volume takes CORPUS=N with N a positive count (100M, 1B, 2.5k), got "${text}"`,
        { field: '--volume' },
        { hint: HINT },
      )
    if (volumes.has(name))
      throw new AuraError('E_USAGE', `--volume names corpus ${name} twice`, { field: '--volume' }, { hint: HINT })
    volumes.set(name, count)
  }
  return volumes
}

/**
 * Refuses (E_USAGE, exit 2, before anything is written) a `--volume` corpus that `label` does not project, with the
 * near name, and a projected corpus without a volume when no `--messages-per-day` (or suite figure) covers the rest.
 */
export function checkVolumes(
  volumes: Volumes | undefined,
  corpora: readonly string[],
  label: string,
  hasDefault: boolean,
): void {
  if (volumes === undefined) return
  for (const name of volumes.keys()) {
    if (corpora.includes(name)) continue
    const guess = didYouMean(name, corpora)
    throw new AuraError(
      'E_USAGE',
      `--volume ${name}=...: ${name} is not a corpus of ${label} (corpora: ${corpora.join(', ') || 'none'})${guess === undefined ? '' : `; did you mean --volume ${guess}=...?`}`,
      { field: '--volume' },
      { hint: HINT },
    )
  }
  const missing = corpora.filter((c) => !volumes.has(c))
  if (!hasDefault && missing.length > 0)
    throw new AuraError(
      'E_USAGE',
      `--volume gives no messages per day for ${missing.length === 1 ? 'corpus' : 'corpora'} ${missing.join(', ')} of ${label}, and no --messages-per-day covers the corpora it does not name`,
      { field: '--volume' },
      {
        hint: `add ${missing.map((c) => `--volume ${c}=N`).join(' ')}, or --messages-per-day N for the corpora --volume does not name`,
      },
    )
}

/** The scenario as projected on `corpus`: its own volume when `--volume` names it. */
export function scenarioOn(scenario: CostScenario, corpus: string, volumes: Volumes | undefined): CostScenario {
  const own = volumes?.get(corpus)
  return own === undefined ? scenario : { ...scenario, messagesPerDay: own }
}

/**
 * The scenarios to project: with `--volume` naming every corpus and one messages/day figure per overhead, the
 * `--messages-per-day` scenarios would project the same traffic several times; one is kept per overhead then.
 */
export function distinctScenarios(
  scenarios: readonly CostScenario[],
  corpora: readonly string[],
  volumes: Volumes | undefined,
): CostScenario[] {
  if (volumes === undefined || corpora.some((c) => !volumes.has(c))) return [...scenarios]
  const seen = new Set<number | undefined>()
  return scenarios.filter((s) => {
    if (seen.has(s.overheadBytesPerMessage)) return false
    seen.add(s.overheadBytesPerMessage)
    return true
  })
}
