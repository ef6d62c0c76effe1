/**
 * One more template per event whose messages come in several shapes (`0 bytes sent` and
 * `1190 bytes (1.16 KB) sent`, `chrome.exe -` and `chrome.exe *64 -`): the event's constant words
 * as anchors, and where the shapes differ between two anchors, one slot. It matches shapes the
 * training messages never combined, so unseen messages of a known event still find a template.
 *
 * Steps:
 * 1. Cut each shape's pattern at the event's constant words, in order (whole words only).
 * 2. A piece that is the same in every shape (placeholders compared as placeholders) is kept; a
 *    piece that differs becomes its common literal prefix, one slot, and its common literal suffix.
 * 3. Match the event's messages against the new pattern with `auto` slots, and give each slot the
 *    type its values ask for (discovery-slots.ts).
 */
import { inferSlotSpec } from './discovery-slots.ts'
import type { DraftTemplate } from './discovery-pattern.ts'
import { standsAlone } from './discovery-tokens.ts'
import { createMatcher } from './matcher.ts'
import { parsePattern } from './pattern.ts'
import { parseTemplateStore } from './store-parse.ts'
import { TEMPLATE_STORE_FORMAT, TEMPLATE_STORE_VERSION, type SlotSpec } from './store-types.ts'

const PLACEHOLDER = /\{\d+\}/g

/** Step 1: the pieces around the anchors, or undefined when a pattern lacks one of them. */
function cutAtAnchors(pattern: string, anchors: readonly string[]): string[] | undefined {
  const pieces: string[] = []
  let cursor = 0
  for (const anchor of anchors) {
    let at = pattern.indexOf(anchor, cursor)
    while (at !== -1 && !standsAlone(pattern, at, at + anchor.length)) at = pattern.indexOf(anchor, at + 1)
    if (at === -1) return undefined
    pieces.push(pattern.slice(cursor, at), anchor)
    cursor = at + anchor.length
  }
  pieces.push(pattern.slice(cursor))
  return pieces
}

/** Step 2 for one piece position: the piece itself, or prefix + slot + suffix; undefined when some shape leaves the slot empty. */
function mergePiece(pieces: readonly string[]): string | undefined {
  const first = pieces[0] as string
  if (pieces.every((p) => p.replace(PLACEHOLDER, '{}') === first.replace(PLACEHOLDER, '{}'))) return first
  let prefix = first
  let suffix = first
  for (const piece of pieces) {
    while (!piece.startsWith(prefix)) prefix = prefix.slice(0, -1)
    while (!piece.endsWith(suffix)) suffix = suffix.slice(1)
  }
  if (prefix.includes('{')) prefix = prefix.slice(0, prefix.indexOf('{'))
  if (suffix.includes('}')) suffix = suffix.slice(suffix.lastIndexOf('}') + 1)
  // the slot needs a character of its own in every message, also where the piece is literal text
  const shortest = Math.min(...pieces.filter((p) => !p.includes('{')).map((p) => p.length))
  if (shortest === 0) return undefined
  while (prefix.length + suffix.length >= shortest) {
    if (suffix !== '') suffix = suffix.slice(1)
    else prefix = prefix.slice(0, -1)
  }
  return `${prefix}{}${suffix}`
}

/** The general template of an event from its shapes' patterns and messages, or undefined when there is none. */
export function generalizeEvent(
  shapes: readonly DraftTemplate[],
  anchors: readonly string[],
  messages: Iterable<string>,
): DraftTemplate | undefined {
  if (shapes.length < 2 || anchors.length === 0) return undefined
  const cut = shapes.map((shape) => cutAtAnchors(shape.pattern, anchors))
  if (cut.some((pieces) => pieces === undefined)) return undefined
  const pieceLists = cut as string[][]
  const merged = (pieceLists[0] as string[]).map((_piece, k) =>
    mergePiece(pieceLists.map((pieces) => pieces[k] as string)),
  )
  if (merged.some((piece) => piece === undefined)) return undefined
  let slot = 0
  const pattern = merged.join('').replace(/\{\d*\}/g, () => `{${slot++}}`)
  if (parsePattern(pattern).status !== 'ok' || shapes.some((shape) => shape.pattern === pattern)) return undefined
  const slots = typeSlots(pattern, slot, messages)
  return slots === undefined ? undefined : { pattern, slots }
}

/** Step 3: slot types from the values the messages give the pattern; undefined when none matches. */
function typeSlots(pattern: string, slotCount: number, messages: Iterable<string>): SlotSpec[] | undefined {
  const store = parseTemplateStore(
    {
      format: TEMPLATE_STORE_FORMAT,
      version: TEMPLATE_STORE_VERSION,
      name: 'generalize',
      templates: [{ id: 1, pattern }],
    },
    '<generalize>',
  )
  const matcher = createMatcher(store)
  const values: string[][] = Array.from({ length: slotCount }, () => [])
  for (const message of messages) {
    const match = matcher.match(message)[0]
    if (match !== undefined) match.values.forEach((value, i) => values[i]?.push(value))
  }
  if ((values[0]?.length ?? 0) === 0) return undefined
  return values.map((slotValues, i) => inferSlotSpec(slotValues, i === slotCount - 1))
}
