/**
 * How the required-literal step of the byte screen (src/templates/byte-screen.ts) was chosen,
 * leave-systems-out (a check of a rule, not a goal's figure). Per Loghub system, a store discovered
 * from the first half of its lines (bench/lib/user-setup.ts, kept in `--work DIR`); each store is
 * screened against the held-out lines of the *other* systems of its fold (fold A: Apache, HealthApp,
 * OpenSSH, Spark; fold B: HDFS, Linux, Proxifier, Zookeeper). Each candidate rule says which of the
 * store's shared literals (sharedLiterals) are looked for; a rule is picked on one fold (fewest lines
 * left to the anchor scan, then fewest checks per line of the store's own log, which every matched
 * line pays) and its figures on the other fold are the held-out ones. Three tables: which shared
 * literals (step 2, seventh round), the keys' caps (step 3, eighth round), and how the templates are
 * split into groups with their own literals (step 4, ninth round: counted with step 4 on every line,
 * without its rest on a store's own traffic).
 *
 *   npx tsx bench/required-literals.ts --work DIR <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { createEdgeScreen, requiredChecks, type GroupRule } from '../src/templates/byte-screen.ts'
import { holds, prepareRequired, sharedLiterals } from '../src/templates/required-literals.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const FOLD_A = ['Apache', 'HealthApp', 'OpenSSH', 'Spark']

/** A word byte as the anchor index counts it (ASCII letters, digits, `_`, and 0x80 up). */
const isWordByte = (byte: number): boolean => byte >= 0x80 || /[A-Za-z0-9_]/.test(String.fromCharCode(byte))

/** The candidate rules: which shared literals to look for. */
const RULES: Record<string, (literal: Uint8Array) => boolean> = {
  'edge pair only (before)': () => false,
  'every shared literal': () => true,
  'all but a single word byte': (l) => l.length > 1 || !isWordByte(l[0] as number),
  'those holding a non-word byte (shipped)': (l) => l.some((b) => !isWordByte(b)),
  'those holding a non-word byte other than space': (l) => l.some((b) => !isWordByte(b) && b !== 0x20),
}

interface FoldFigures {
  reachScan: number
  lines: number
  checksPerForeignLine: number
  checksPerOwnLine: number
}

type Loaded = { name: string; templates: Parameters<typeof sharedLiterals>[0]; heldOut: Uint8Array[] }[]

/** Per required literal of a store, a check that a line holds it. */
type Check = (line: Uint8Array) => boolean
type ChecksOf = (templates: Loaded[number]['templates']) => Check[]
/** Checks of steps 2-3 (`all`), then groups of checks (step 4): a line passes when it passes every check of `all` and of some group. */
type GroupsOf = (templates: Loaded[number]['templates']) => { all: Check[]; groups: Check[][] }

function evaluate(loaded: Loaded, inFold: (name: string) => boolean, checksOf: ChecksOf): FoldFigures {
  return evaluateGroups(loaded, inFold, (templates) => ({ all: checksOf(templates), groups: [] }), true)
}

/** Checks a line pays: those of `all` up to its first failing one, then each group's likewise until a group passes. */
function checksPaid({ all, groups }: ReturnType<GroupsOf>, line: Uint8Array): { checks: number; passes: boolean } {
  let checks = 0
  for (const group of [all, ...groups]) {
    const missing = group.findIndex((holdsIt) => !holdsIt(line))
    checks += missing === -1 ? group.length : missing + 1
    if (group === all && missing !== -1) return { checks, passes: false }
    if (group !== all && missing === -1) return { checks, passes: true }
  }
  return { checks, passes: groups.length === 0 }
}

/** `ownChecksAll`: a store's own line counted as paying every check (steps 2-3 as the earlier rounds counted them). */
function evaluateGroups(
  loaded: Loaded,
  inFold: (name: string) => boolean,
  groupsOf: GroupsOf,
  ownChecksAll = false,
): FoldFigures {
  const f = { reachScan: 0, lines: 0, foreignChecks: 0, own: 0, ownChecks: 0 }
  for (const store of loaded.filter((s) => inFold(s.name))) {
    const edge = createEdgeScreen(store.templates)
    const groups = groupsOf(store.templates)
    f.own += store.heldOut.length
    for (const line of store.heldOut.filter(edge))
      f.ownChecks += ownChecksAll ? groups.all.length : checksPaid(groups, line).checks
    for (const other of loaded.filter((s) => s !== store && inFold(s.name))) {
      for (const line of other.heldOut) {
        f.lines += 1
        if (!edge(line)) continue
        const paid = checksPaid(groups, line)
        f.foreignChecks += paid.checks
        if (paid.passes) f.reachScan += 1
      }
    }
  }
  return {
    reachScan: f.reachScan,
    lines: f.lines,
    checksPerForeignLine: f.foreignChecks / f.lines,
    checksPerOwnLine: f.ownChecks / f.own,
  }
}

/** Step 2 as a rule: the shared literals `keep` keeps, each looked for whole. */
const sharedKept =
  (keep: (l: Uint8Array) => boolean): ChecksOf =>
  (templates) =>
    sharedLiterals(templates)
      .filter(keep)
      .map((l) => (line) => Buffer.from(line.buffer, line.byteOffset, line.length).indexOf(Buffer.from(l)) !== -1)

/**
 * Step 3 (eighth round): the shipped literals, each also required to sit inside one of its keys (the
 * text some template holds around it: at most `afterBytes` after, `beforeBytes` before; 0 after:
 * step 2 alone). Checks: required literals looked for.
 */
const keyedRule =
  ([afterBytes, beforeBytes]: readonly [number, number]): ChecksOf =>
  (templates) =>
    prepareRequired(templates, afterBytes, beforeBytes).map((r) => (line) => holds(line, r))

/** [bytes after, bytes before] */
const KEY_RULES: readonly (readonly [number, number])[] = [
  [0, 0],
  [4, 0],
  [8, 0],
  [16, 0],
  [4, 4],
  [8, 4],
  [16, 4],
  [16, 8],
]

/** Step 4 (ninth round): the templates in groups (screenGroups), each with its own required literals and keys. */
const GROUP_RULES: readonly GroupRule[] = [
  { depth: 0, byLiteral: false, onlyOpen: false },
  ...[1, 2, 3].flatMap((depth) =>
    [false, true].flatMap((onlyOpen) => [false, true].map((byLiteral) => ({ depth, byLiteral, onlyOpen }))),
  ),
]

const ruleName = ({ depth, byLiteral, onlyOpen }: GroupRule): string =>
  depth === 0
    ? '0'
    : `${depth}, ${byLiteral ? 'keys and by literal' : 'keys'}${onlyOpen ? ', only groups without keys' : ''}`

const groupedRule =
  (rule: GroupRule): GroupsOf =>
  (templates) => {
    const { all, groups } = requiredChecks(templates, rule)
    const check =
      (r: (typeof all)[number]): Check =>
      (line) =>
        holds(line, r)
    return { all: all.map(check), groups: groups.map((group) => group.map(check)) }
  }

const cells = (x: FoldFigures): string =>
  `${x.reachScan} / ${x.lines} (${((100 * x.reachScan) / x.lines).toFixed(1)}%) | ${x.checksPerForeignLine.toFixed(2)} | ${x.checksPerOwnLine.toFixed(2)}`

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work'])
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/required-literals.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  const loaded: Loaded = []
  for (const system of loghubSystemsFrom(paths)) {
    const { store, heldOut } = await cachedDiscoveredStore(system, work)
    loaded.push({ name: system.name, templates: store.templates, heldOut })
  }
  console.log(`- load average (1 min): ${(os.loadavg()[0] ?? 0).toFixed(2)} (counts only, no timing)`)
  console.log('')
  console.log(
    '| rule | fold A: lines left to the anchor scan | checks / foreign line | checks / own line | fold B: lines left to the anchor scan | checks / foreign line | checks / own line |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  const results = Object.entries(RULES).map(([name, keep]) => ({
    name,
    a: evaluate(loaded, (n) => FOLD_A.includes(n), sharedKept(keep)),
    b: evaluate(loaded, (n) => !FOLD_A.includes(n), sharedKept(keep)),
  }))
  for (const r of results) console.log(`| ${r.name} | ${cells(r.a)} | ${cells(r.b)} |`)
  const best = (fold: 'a' | 'b') =>
    [...results].sort(
      (x, y) => x[fold].reachScan - y[fold].reachScan || x[fold].checksPerOwnLine - y[fold].checksPerOwnLine,
    )[0]
  const [onA, onB] = [best('a'), best('b')]
  console.log('')
  console.log(`- chosen on fold A: ${onA?.name}; held out, fold B: ${onA === undefined ? '' : cells(onA.b)}`)
  console.log(`- chosen on fold B: ${onB?.name}; held out, fold A: ${onB === undefined ? '' : cells(onB.a)}`)
  console.log('')
  console.log(
    'Step 3: the shipped literals, each inside one of the keys its templates give it (text after it and before it)',
  )
  console.log('')
  console.log(
    '| key bytes after, before (at most) | fold A: lines left to the anchor scan | checks / foreign line | checks / own line | fold B: lines left to the anchor scan | checks / foreign line | checks / own line |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  const keyed = KEY_RULES.map((rule) => ({
    name: `${rule[0]}, ${rule[1]}`,
    size: rule[0] + rule[1],
    a: evaluate(loaded, (n) => FOLD_A.includes(n), keyedRule(rule)),
    b: evaluate(loaded, (n) => !FOLD_A.includes(n), keyedRule(rule)),
  }))
  for (const r of keyed) console.log(`| ${r.name} | ${cells(r.a)} | ${cells(r.b)} |`)
  // fewest lines left; ties: the longest keys (a refusal compares up to the first differing byte, whatever the caps)
  const pick = (fold: 'a' | 'b') =>
    [...keyed].sort((x, y) => x[fold].reachScan - y[fold].reachScan || y.size - x.size)[0]
  const [kA, kB] = [pick('a'), pick('b')]
  console.log('')
  console.log(
    `- chosen on fold A: ${kA?.name} bytes (after, before); held out, fold B: ${kA === undefined ? '' : cells(kA.b)}`,
  )
  console.log(
    `- chosen on fold B: ${kB?.name} bytes (after, before); held out, fold A: ${kB === undefined ? '' : cells(kB.a)}`,
  )
  console.log('')
  console.log(
    'Step 4: the templates in groups, each with its own required literals and keys (split on a literal without keys; by literal: also on the longest literal of the first template, where no required literal has keys)',
  )
  console.log('')
  console.log(
    '| split (times, how) | fold A: lines left to the anchor scan | checks / foreign line | checks / own line | fold B: lines left to the anchor scan | checks / foreign line | checks / own line |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  const grouped = GROUP_RULES.map((rule) => ({
    name: ruleName(rule),
    a: evaluateGroups(loaded, (n) => FOLD_A.includes(n), groupedRule(rule)),
    b: evaluateGroups(loaded, (n) => !FOLD_A.includes(n), groupedRule(rule)),
  }))
  for (const r of grouped) console.log(`| ${r.name} | ${cells(r.a)} | ${cells(r.b)} |`)
  // fewest lines left; ties: fewest checks on the store's own lines (every matched line pays them), then on foreign lines
  const choose = (fold: 'a' | 'b') =>
    [...grouped].sort(
      (x, y) =>
        x[fold].reachScan - y[fold].reachScan ||
        x[fold].checksPerOwnLine - y[fold].checksPerOwnLine ||
        x[fold].checksPerForeignLine - y[fold].checksPerForeignLine,
    )[0]
  const [gA, gB] = [choose('a'), choose('b')]
  console.log('')
  console.log(`- chosen on fold A: ${gA?.name}; held out, fold B: ${gA === undefined ? '' : cells(gA.b)}`)
  console.log(`- chosen on fold B: ${gB?.name}; held out, fold A: ${gB === undefined ? '' : cells(gB.a)}`)
}

await main()
