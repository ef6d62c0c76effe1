/**
 * What an output folder is checked for when it is opened (output-folder.ts, step 1) and again at
 * commit: its state folder is not a copy of another report folder's, no name to publish is the
 * user's, and a run's report does not replace a comparison's (or the other way round).
 */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import path from 'node:path'
import { AuraError, type Issue } from '../core/index.ts'
import { classifyEntry, SLOT_NAMES, STATE_FOLDER, type OutputSlot } from './output-ownership.ts'

/**
 * Each slot's entry in the state folder is aura-bench's link to the slot's current report, and a
 * report folder no link points to is what a killed writer left, so it comes with that writer's lock.
 * Anything else is a copy, refused before recovery would remove the copied report folders as
 * leftovers: `cp -rL` turns the links into folders; a copier that drops links (`rsync -r`) keeps
 * `report-<id>/` with no link and no lock.
 */
export async function checkSlotLinks(dir: string, flag: string): Promise<void> {
  const state = path.join(dir, STATE_FOLDER)
  const slots = Object.keys(SLOT_NAMES) as OutputSlot[]
  const refuse = (entry: string, what: string) =>
    new AuraError(
      'E_OUTPUT',
      `${path.join(state, entry)} ${what}: ${dir} looks like a copy of a report folder; aura-bench leaves it alone`,
      { file: path.join(state, entry), field: flag },
      { hint: 'choose another --out folder, or remove that copy' },
    )
  const current: string[] = []
  for (const slot of slots) {
    const info = await lstat(path.join(state, slot)).catch(() => undefined)
    if (info === undefined) continue
    if (!info.isSymbolicLink())
      throw refuse(slot, "is not aura-bench's link to its current report (cp -L makes one a folder)")
    current.push(await readlink(path.join(state, slot)))
  }
  if ((await lstat(path.join(state, 'lock')).catch(() => undefined)) !== undefined) return
  for (const entry of await readdir(state)) {
    if (slots.some((slot) => entry.startsWith(`${slot}-`)) && !current.includes(entry))
      throw refuse(entry, 'is a report no link points to and no killed writer left (its lock is not there)')
  }
}

/** E_OUTPUT with every name of `names` in `dir` that is not aura-bench's to replace. */
export async function checkNames(dir: string, slot: OutputSlot, names: readonly string[], flag: string): Promise<void> {
  const issues: Issue[] = []
  for (const name of names) {
    const owner = await classifyEntry(dir, slot, name)
    const reason = owner.state === 'foreign' ? owner.reason : undefined
    if (reason !== undefined)
      issues.push({
        code: 'E_OUTPUT',
        file: path.join(dir, name),
        field: flag,
        message: `there is ${reason}; aura-bench leaves it alone`,
      })
  }
  const first = issues[0]
  if (first === undefined) return
  const hint =
    names.includes('charts') && issues.some((i) => i.file === path.join(dir, 'charts'))
      ? 'choose another --out folder, move it, or pass --no-charts'
      : 'choose another --out folder, or move it'
  throw new AuraError(
    'E_OUTPUT',
    issues.length === 1 ? first.message : `${dir}: ${issues.length} names aura-bench would publish are taken`,
    { file: first.file ?? dir, field: flag },
    { issues, hint },
  )
}

/** What each kind of report in the `report` slot holds that the other kind does not: a run's and a comparison's. */
const REPORT_KINDS = [
  { file: 'results.json', what: 'a run report (results.json)', writer: 'run' },
  { file: 'comparison.json', what: 'a comparison (comparison.json)', writer: 'compare' },
] as const

/**
 * `run` and `compare` publish into the same slot: one would silently replace the other's report
 * (results.json or comparison.json gone, with what reads it: cost --results, a baseline). A folder
 * holding the other kind is refused (E_OUTPUT) before anything is measured.
 */
export async function checkKindKept(
  dir: string,
  slot: OutputSlot,
  names: readonly string[],
  flag: string,
  suite?: string,
): Promise<void> {
  if (slot !== 'report' && slot !== 'replay') return
  const current = await readlink(path.join(dir, STATE_FOLDER, slot)).catch(() => undefined)
  if (current === undefined) return
  const held = await readdir(path.join(dir, STATE_FOLDER, current)).catch(() => [] as string[])
  if (suite !== undefined) await checkSuiteKept(dir, path.join(dir, STATE_FOLDER, current), held, suite, names, flag)
  if (slot !== 'report') return
  for (const kind of REPORT_KINDS) {
    if (!held.includes(kind.file) || names.includes(kind.file)) continue
    throw new AuraError(
      'E_OUTPUT',
      `${dir} holds ${kind.what} written by \`${kind.writer}\`; this report would replace it`,
      { file: path.join(dir, kind.file), field: flag },
      { hint: `give this command its own --out folder (e.g. ${dir}-${kind.writer === 'run' ? 'compare' : 'run'})` },
    )
  }
}

/** The report files that name their suite (`suite` at the top), by the command that writes each. */
const SUITE_FILES = [...REPORT_KINDS, { file: 'replay.json', writer: 'replay' }] as const

/**
 * A folder holding another suite's report is refused (E_OUTPUT) before anything is measured (round 34, s34-trial
 * D6): `run --out DIR` of suite B used to replace suite A's report in DIR without a word. A report that cannot be
 * read or names no suite is left to the other checks.
 */
async function checkSuiteKept(
  dir: string,
  reportFolder: string,
  held: readonly string[],
  suite: string,
  names: readonly string[],
  flag: string,
): Promise<void> {
  // the folder the hint proposes is the command's own default: compare's is `<suite>-compare` (beside run's `<suite>`)
  const ownFolder = names.includes('comparison.json') ? `${suite}-compare` : suite
  for (const kind of SUITE_FILES) {
    if (!held.includes(kind.file)) continue
    const text = await readFile(path.join(reportFolder, kind.file), 'utf8').catch(() => undefined)
    let heldSuite: unknown
    try {
      heldSuite = text === undefined ? undefined : (JSON.parse(text) as { suite?: unknown }).suite
    } catch {
      continue
    }
    if (typeof heldSuite !== 'string' || heldSuite === suite) continue
    throw new AuraError(
      'E_OUTPUT',
      `${dir} holds suite ${heldSuite}'s report (${kind.file}, written by \`${kind.writer}\`); this is suite ${suite}, and its report would replace that one`,
      { file: path.join(dir, kind.file), field: flag },
      {
        hint: `give this suite its own --out folder (e.g. ${path.join(path.dirname(dir), ownFolder)}), or remove ${dir} if that report is no longer wanted`,
      },
    )
  }
}
