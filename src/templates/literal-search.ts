/** Searches of a template's literal text in a message, for the matcher and the twin check (no builtin call for the short literals of templates). */

/** indexOf of a one-unit literal (`' '`, `':'`, `']'`: most literals between slots) by a loop: the builtin call costs more than the few units it scans. */
function indexOfUnit(message: string, unit: number, from: number): number {
  for (let at = from; at < message.length; at++) if (message.charCodeAt(at) === unit) return at
  return -1
}

/** message.indexOf(text, from), by indexOfUnit for a one-unit text. */
export function indexOfLiteral(message: string, text: string, from: number): number {
  return text.length === 1 ? indexOfUnit(message, text.charCodeAt(0), from) : message.indexOf(text, from)
}

/** True when the literal at text position `at` equals `text` (no slice, no builtin call for the short literals of templates). */
export function hasTextAt(message: string, at: number, text: string): boolean {
  if (at < 0 || at + text.length > message.length) return false
  for (let i = 0; i < text.length; i++) if (message.charCodeAt(at + i) !== text.charCodeAt(i)) return false
  return true
}
