/**
 * The flags of every CLI command, with their descriptions (what --help and the shell completions show);
 * commands.ts lists the commands that take them.
 */
import type { FlagSpecs } from './flags.ts'

const WAIT = {
  type: 'boolean',
  description: 'when another run is writing to the same output folder, wait for it instead of exiting 2',
} as const
const QUIET = {
  type: 'boolean',
  short: 'q',
  description: 'print nothing on stdout (a failed gate still says why on stderr)',
} as const

/** --quiet of the commands that judge no gate */
const QUIET_NO_GATE = {
  type: 'boolean',
  short: 'q',
  description: 'print nothing on stdout (errors still go to stderr)',
} as const

/** The gate flags of `run` (docs/ci.md). */
export const GATE_FLAGS = {
  baseline: {
    type: 'string',
    value: 'FILE|git:REF:PATH',
    description:
      'compare with a saved results.json (a file, or `git:<ref>:<path>` read with git show); a regression in a gated config fails the gate',
  },
  'save-baseline': {
    type: 'string',
    value: 'FILE',
    description: "write this run's results.json to FILE (atomically): the one way a baseline is replaced",
  },
  junit: { type: 'string', value: 'FILE', description: 'write JUnit XML (junit-4 shape)' },
  prometheus: { type: 'string', value: 'FILE', description: 'write the Prometheus text exposition of the run' },
  'alert-rules': {
    type: 'string',
    value: 'FILE',
    description: "write Prometheus alerting rules generated from the suite's targets",
  },
  'pr-comment': {
    type: 'string',
    value: 'FILE',
    description: 'write the short sticky pull-request comment: verdict, delta table against the baseline, links',
  },
  'pr-comment-link': {
    type: 'string',
    multiple: true,
    value: 'TEXT=URL',
    description: 'a link for the comment (e.g. "full report=https://..."); several values or repeated',
  },
  'accept-regression': {
    type: 'string',
    value: 'REASON',
    description:
      'an intended regression against the baseline: recorded with REASON in results.json, the report and the comment, and not failing the gate (targets still gate)',
  },
  'allow-missing-baseline': {
    type: 'boolean',
    description:
      'a --baseline that does not exist (yet) is a loud warning in the console, the step summary and the comment, not exit 2',
  },
  'allow-partial-baseline': {
    type: 'boolean',
    description:
      '--save-baseline saves a partial run too (--limit, a run that failed, a --no-latency run), whose baseline cannot catch a regression on what it did not measure',
  },
  'alert-rule-tests': {
    type: 'string',
    value: 'FILE',
    description:
      'write `promtool test rules` unit tests of those rules (needs --alert-rules): each alert fires on a failing run, stays silent on a passing one',
  },
} as const satisfies FlagSpecs

export const RUN_FLAGS = {
  out: {
    type: 'string',
    value: 'DIR',
    description: 'report folder (default reports/<suite name>; with several suites, DIR/<suite name>)',
  },
  'no-latency': { type: 'boolean', description: 'skip the latency pass (a gated latency target then fails the gate)' },
  'no-latency-gate': {
    type: 'boolean',
    description: 'measure and report latency, but do not gate on it (what CI does on shared machines)',
  },
  'no-charts': { type: 'boolean', description: 'write no charts' },
  'no-html': {
    type: 'boolean',
    description: 'write no report.html (the self-contained page with the verdict and live charts)',
  },
  history: {
    type: 'string',
    value: 'FILE',
    description:
      "draw report.html's History section from this history file (see `aura-bench history`) plus this run; read only, never appended",
  },
  quiet: QUIET,
  limit: {
    type: 'string',
    value: 'N',
    description: 'measure at most the first N messages of each corpus (a quick smoke run)',
  },
  wait: WAIT,
  shard: {
    type: 'string',
    value: 'I/N',
    description:
      'measure shard I of N of every corpus (by message index; by connection where messages have one) and write DIR/partial.json for `merge`; the gate is judged at merge',
  },
  ...GATE_FLAGS,
} as const satisfies FlagSpecs

const { 'no-latency': _noLatency, limit: _limit, shard: _shard, out: _out, ...RUN_REPORT_FLAGS } = RUN_FLAGS

/** merge writes what run writes, so it takes run's report and gate flags (not what changes the measuring). */
export const MERGE_FLAGS = {
  out: { type: 'string', value: 'DIR', description: 'report folder (default reports/<suite name>)' },
  ...RUN_REPORT_FLAGS,
} as const satisfies FlagSpecs

export const COMPARE_FLAGS = {
  out: { type: 'string', value: 'DIR', description: 'output folder (default reports/<suite name>-compare)' },
  quick: {
    type: 'boolean',
    description:
      "fewer entries and samples, 200 ms size budgets (said when it replaces the suite's): a fast look; a gated stateful config still replays every held-out message",
  },
  'no-charts': { type: 'boolean', description: 'write no charts' },
  quiet: QUIET_NO_GATE,
  wait: WAIT,
  baseline: {
    type: 'string',
    value: 'FILE',
    description:
      "compare the stateful configs' entries with a previous comparison.json; a regression in a gated config fails the gate (exit 1)",
  },
  'accept-regression': {
    type: 'string',
    value: 'REASON',
    description:
      'an intended regression against --baseline: recorded with REASON in comparison.json and the report, not failing the gate (targets still gate)',
  },
  'allow-missing-baseline': {
    type: 'boolean',
    description: 'a --baseline that does not exist (yet) is a loud warning, not exit 2',
  },
  'no-latency-gate': {
    type: 'boolean',
    description: "judge and report the stateful configs' latency targets and regressions, but do not gate on them",
  },
  junit: {
    type: 'string',
    value: 'FILE',
    description:
      "write JUnit XML (run's junit-4 shape) of the stateful configs' targets and regressions, and of any entry that failed",
  },
} as const satisfies FlagSpecs

export const COST_FLAGS = {
  suite: { type: 'string', value: 'suite.yaml', description: 'measure this suite, then project it' },
  results: {
    type: 'string',
    value: 'results.json',
    description:
      "project a run's saved results.json, or a compare's comparison.json (each records its suite's cost: section)",
  },
  replay: {
    type: 'string',
    value: 'replay.json',
    description:
      'project wire truth: the bytes that crossed the socket in `aura-bench replay` (framing included; the raw row is the uncompressed traffic)',
  },
  'messages-per-day': {
    type: 'string',
    multiple: true,
    value: 'N',
    description:
      "traffic scenarios (100M, 1B, 2.5k, 1e9); several values or repeated; default the suite's cost.messages_per_day",
  },
  volume: {
    type: 'string',
    multiple: true,
    value: 'CORPUS=N',
    description:
      "one corpus's own messages per day (app=2B), repeated per corpus; a total per config across corpora follows; corpora not named take --messages-per-day",
  },
  'avg-message-bytes': {
    type: 'string',
    value: 'N',
    description: "average message size, when it differs from the corpus's; default the suite's cost.avg_message_bytes",
  },
  'price-per-gb': {
    type: 'string',
    value: 'X',
    description: "egress price per GB; default the suite's cost.price_per_gb",
  },
  currency: {
    type: 'string',
    value: 'CODE',
    description:
      "the prices' ISO 4217 currency code (EUR, GBP ...), printed in place of $/USD; default the suite's cost.currency, else USD",
  },
  'overhead-bytes': {
    type: 'string',
    multiple: true,
    value: 'N',
    description:
      "per-message protocol overhead in bytes; several values or repeated; default the suite's cost.overhead_bytes_per_message, else 0",
  },
  'price-per-cpu-hour': {
    type: 'string',
    value: 'X',
    description: "CPU price per hour (needs latency in the results); default the suite's cost.price_per_cpu_hour",
  },
  baseline: {
    type: 'string',
    value: 'CONFIG',
    description: "the config the savings are measured against; default the suite's cost.baseline_config",
  },
  out: {
    type: 'string',
    value: 'DIR',
    description:
      'where cost.md and cost.json go (default: the folder of the --results or --replay file; with --suite, reports/<suite name>)',
  },
  quiet: QUIET_NO_GATE,
  wait: WAIT,
} as const satisfies FlagSpecs

export const REPLAY_FLAGS = {
  out: {
    type: 'string',
    value: 'DIR',
    description: 'where replay.md and replay.json go (default reports/<suite name>)',
  },
  connections: {
    type: 'string',
    value: 'N',
    description: 'most recorded connections replayed per corpus (default 20)',
  },
  messages: { type: 'string', value: 'N', description: 'most messages replayed per corpus (default 5000)' },
  'memory-connections': {
    type: 'string',
    value: 'N',
    description: 'connections held open at once to measure memory per connection (default 100, at most 1000)',
  },
  quiet: QUIET_NO_GATE,
  wait: WAIT,
} as const satisfies FlagSpecs

export const DISCOVER_FLAGS = {
  out: { type: 'string', short: 'o', value: 'store.json', description: 'the template store to write (required)' },
  merge: { type: 'string', value: 'existing.json', description: 'extend an existing store, keeping its template ids' },
  'evict-after': {
    type: 'string',
    value: 'K',
    description: 'with --merge: drop templates no message used in the last K runs (this one included)',
  },
  'evict-keep-share': {
    type: 'string',
    value: 'S',
    description:
      "with --evict-after: keep an idle template while its uses are >= S of the store's (default 0.002; 0: off)",
  },
  'max-templates': {
    type: 'string',
    value: 'N',
    description: 'at most N templates (default 5000)',
  },
  'min-support': {
    type: 'string',
    value: 'N',
    description: 'a template must cover at least N messages (default 1)',
  },
  'max-split-words': {
    type: 'string',
    value: 'N',
    description: 'how many words a slot may split (default 2)',
  },
  header: {
    type: 'string',
    value: 'FORMAT',
    description: "a log header format (Loghub's, e.g. '<Date> <Time> <Level> <Content>')",
  },
  format: {
    type: 'string',
    value: 'F',
    description: 'corpus format: txt, jsonl, json, loghub, har or auto (default: by the file extension)',
  },
  'text-field': {
    type: 'string',
    value: 'NAME',
    description: "jsonl/json corpora: the field that holds each message (default text; a suite's text_field:)",
  },
  name: {
    type: 'string',
    value: 'NAME',
    description: "the store's name (default: the --merge store's, else discovered)",
  },
  evaluate: {
    type: 'string',
    value: 'structured.csv',
    description: 'score the grouping against a Loghub ground truth (printed even with --quiet)',
  },
  'train-fraction': { type: 'string', value: 'F', description: 'learn from the first fraction F (0-1) of the corpus' },
  quiet: QUIET_NO_GATE,
} as const satisfies FlagSpecs

export const VALIDATE_FLAGS = {} as const satisfies FlagSpecs

export const HISTORY_FLAGS = {
  add: {
    type: 'string',
    value: 'results.json',
    description:
      "append this run's summary to the history file (created when missing); a compare's comparison.json adds its stateful configs",
  },
  commit: {
    type: 'string',
    value: 'SHA',
    description: 'the commit the added run measured (default: $GITHUB_SHA when set)',
  },
  'accept-regression': {
    type: 'string',
    value: 'REASON',
    description: 'record that a regression in the added run was accepted, and why',
  },
  charts: {
    type: 'string',
    value: 'DIR',
    description: 'draw one trend chart per metric across the history (SVG and PNG)',
  },
  'github-action-benchmark': {
    type: 'string',
    value: 'PREFIX',
    description:
      'export the newest entry for github-action-benchmark: PREFIX-bigger.json (tool customBiggerIsBetter) and PREFIX-smaller.json (customSmallerIsBetter)',
  },
  bencher: { type: 'string', value: 'FILE', description: 'export the newest entry as Bencher Metric Format JSON' },
  quiet: QUIET_NO_GATE,
} as const satisfies FlagSpecs
