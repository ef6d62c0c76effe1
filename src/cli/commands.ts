/**
 * Every command of the CLI: its name, arguments, one-line summary, flags with descriptions, and a
 * `load()` that imports its implementation only when it runs (so `aura-bench --help` loads none of
 * the measuring code).
 *
 * To add a command: declare its flags in command-flags.ts (`export const FOO_FLAGS = { ... } as const satisfies FlagSpecs`),
 * add `defineCommand({ name, args, summary, flags: FOO_FLAGS, load: async () => (await import('./command-foo.ts')).commandFoo })`
 * to COMMANDS, and write command-foo.ts exporting
 * `commandFoo({ positionals, values }: CommandInput<typeof FOO_FLAGS>, io: CliIo): Promise<number>`.
 * Help, `--version`, typo suggestions, exit code 2 for a bad flag and the interrupt wiring come for free.
 */
import {
  COMPARE_FLAGS,
  COST_FLAGS,
  DISCOVER_FLAGS,
  HISTORY_FLAGS,
  MERGE_FLAGS,
  REPLAY_FLAGS,
  RUN_FLAGS,
  VALIDATE_FLAGS,
} from './command-flags.ts'
import { defineCommand, type CommandSpec } from './flags.ts'

/** The commands, in the order --help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  defineCommand({
    name: 'run',
    args: '<suite.yaml...>',
    summary: 'measure suites, judge their targets, write the report; the exit code is the gate',
    details:
      'Example: aura-bench run suites/week1.yaml --no-latency-gate --baseline git:origin/aura-baselines:week1/results.json',
    flags: RUN_FLAGS,
    load: async () => (await import('./command-run.ts')).commandRun,
  }),
  defineCommand({
    name: 'merge',
    args: '<partial.json...>',
    summary: 'merge the partials of `run --shard I/N` into one report, judged once, exactly as a single run',
    details:
      'Example: aura-bench merge shards/*/partial.json --out reports/week1 --junit out/junit.xml --no-latency-gate',
    flags: MERGE_FLAGS,
    load: async () => (await import('./command-merge.ts')).commandMerge,
  }),
  defineCommand({
    name: 'validate',
    args: '<file...>',
    summary: 'check suites, compressor configs (and their external commands and modules) and template stores',
    exitCodes: '0 every file valid, 2 any invalid',
    flags: VALIDATE_FLAGS,
    load: async () => (await import('./command-validate.ts')).commandValidate,
  }),
  defineCommand({
    name: 'compare',
    args: '<suite.yaml>',
    summary: 'Brotli vs Zstandard (levels, bindings, dictionaries, permessage-deflate, hybrids), per corpus',
    exitCodes:
      '0 compared (and the gate, if any, passed), 1 an entry failed or did not round-trip, or the gate failed (a gated target of a stateful config missed, or a regression against --baseline), 2 bad input, 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM)',
    flags: COMPARE_FLAGS,
    load: async () => (await import('./command-compare.ts')).commandCompare,
  }),
  defineCommand({
    name: 'cost',
    args: '',
    summary: 'project measured ratios onto traffic and money (needs --suite, --results or --replay)',
    exitCodes: '0 projected, 2 bad input, 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM)',
    details:
      'Example: aura-bench cost --results reports/week1/results.json --messages-per-day 50M 2B --price-per-gb 0.09',
    flags: COST_FLAGS,
    load: async () => (await import('./command-cost.ts')).commandCost,
  }),
  defineCommand({
    name: 'history',
    args: '<history.jsonl>',
    summary: 'append runs to a history file, draw per-metric trends, export for github-action-benchmark and Bencher',
    exitCodes:
      '0 written (or, with no action, the file summarised: nothing to do), 2 bad input, 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM)',
    details:
      'Example: aura-bench history history/week1.jsonl --add reports/ci/week1/results.json --charts history/charts --bencher out/bmf.json',
    flags: HISTORY_FLAGS,
    load: async () => (await import('./command-history.ts')).commandHistory,
  }),
  defineCommand({
    name: 'replay',
    args: '<suite.yaml>',
    summary: 'replay recorded connections over a real WebSocket on 127.0.0.1 and count the bytes that cross the socket',
    exitCodes:
      "0 every message and socket count as expected, 1 a message or a connection's socket bytes differ, or a config failed (a message over its max_message_bytes), 2 bad input, 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM)",
    flags: REPLAY_FLAGS,
    load: async () => (await import('./command-replay.ts')).commandReplay,
  }),
  defineCommand({
    name: 'discover',
    args: '<corpus>',
    summary: 'mine a template store from a corpus',
    exitCodes:
      '0 store written, 2 bad input (E_NO_TEMPLATES too: nothing to write), 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM)',
    details:
      'Example: aura-bench discover ../shared/corpora/loghub/HDFS/HDFS_2k.log --out hdfs.json --evaluate ../shared/corpora/loghub/HDFS/HDFS_2k.log_structured.csv',
    flags: DISCOVER_FLAGS,
    load: async () => (await import('./command-discover.ts')).commandDiscover,
  }),
  defineCommand({
    name: 'completion',
    args: '<bash|zsh>',
    summary: 'print a shell completion script for the commands and flags',
    exitCodes: '0 printed, 2 an unknown shell',
    details:
      'Example: eval "$(aura-bench completion bash)"   (in ~/.bashrc; zsh: eval "$(aura-bench completion zsh)" in ~/.zshrc)',
    flags: {},
    load: async () => (await import('./command-completion.ts')).commandCompletion,
  }),
]
