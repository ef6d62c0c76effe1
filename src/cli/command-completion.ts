/**
 * `aura-bench completion <bash|zsh>`: prints a completion script for the shell, generated from the
 * command table (commands.ts), so it always lists the commands and flags this version has. commander
 * has no completion of its own. Install: `eval "$(aura-bench completion bash)"` in ~/.bashrc, or
 * `eval "$(aura-bench completion zsh)"` in ~/.zshrc (zsh runs the bash script through bashcompinit).
 */
import { AuraError } from '../core/index.ts'
import { COMMANDS } from './commands.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'

const SHELLS = ['bash', 'zsh'] as const

/** The bash completion function: commands first, then the chosen command's flags; files everywhere else. */
export function renderBashCompletion(): string {
  const names = COMMANDS.map((spec) => spec.name)
  const cases = COMMANDS.map((spec) => {
    const flags = Object.entries(spec.flags).flatMap(([name, flag]) => [
      `--${name}`,
      ...(flag.short === undefined ? [] : [`-${flag.short}`]),
    ])
    const flagList = [...flags, '--help'].join(' ')
    // the one command whose argument is a word, not a file: the shells it prints a script for
    if (spec.name === 'completion')
      return `    ${spec.name}) [[ "$cur" == -* ]] && words="${flagList}" || words="${SHELLS.join(' ')}"; COMPREPLY=($(compgen -W "$words" -- "$cur")); return 0 ;;`
    return `    ${spec.name}) flags="${flagList}" ;;`
  })
  return `# aura-bench completion for bash: eval "$(aura-bench completion bash)"
_aura_bench() {
  local cur cmd flags words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "${[...names, 'help', '--help', '--version'].join(' ')}" -- "$cur"))
    return 0
  fi
  case "$cmd" in
${cases.join('\n')}
    help) COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur")); return 0 ;;
    *) flags="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=()
  fi
  return 0
}
complete -o default -o bashdefault -F _aura_bench aura-bench
`
}

/** Prints the script for the shell named; exit 2 naming the shells it knows otherwise. */
export async function commandCompletion(
  { positionals }: CommandInput<Record<string, never>>,
  io: CliIo,
): Promise<number> {
  const [shell, ...extra] = positionals
  if (shell === undefined || extra.length > 0 || !(SHELLS as readonly string[]).includes(shell)) {
    throw new AuraError(
      'E_USAGE',
      `completion takes one shell: ${SHELLS.join(' or ')}${shell === undefined ? '' : `, got ${JSON.stringify(positionals.join(' '))}`}`,
      { field: 'completion' },
      { hint: 'eval "$(aura-bench completion bash)"' },
    )
  }
  io.stdout.write(
    shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${renderBashCompletion()}` : renderBashCompletion(),
  )
  return EXIT.ok
}
