/**
 * JSON structures that vary in a few members (round s38-json, issue 12; D1 of stop 37's trial): webhook
 * payloads share their envelope and most of their keys, but a `metadata` map has varying keys and an
 * array of line items a varying length, so nearly every message has a key structure of its own
 * (discovery-json.ts) and none pays for its template. Here the structures that do not pay on their own
 * are merged: messages that share their structure down to a member whose shape varies get one
 * structure in which that member is cut out whole, its JSON text one value (a slot of the template).
 *
 * The rule, top down from the root, shallowest member first (breadth first, in key order): at a
 * container member (object or array) where the messages of a family differ in shape (an object's keys,
 * their order and their values' kinds; an array's length and its elements' kinds), the messages of
 * each shape that pays for a template on its own (STORE_BYTES_PER_MESSAGE per message, priced by
 * structureStoreBytes on the structure as cut so far) go on as a family of their own, where the member
 * is literal structure again and its members are looked at in turn; the messages of the other shapes
 * are one family where the member is cut. A member every message of a family has in one shape is
 * literal and its own members are looked at. The root is never cut: families start one per root shape.
 * A family is a template only when it pays as a whole, as a structure does.
 *
 * It works on the key structures the first read kept (the message text with each scalar value cut out,
 * discovery-json.ts), never on the messages: the messages of a cut family are told their value spans by
 * cutSpans when their sample is read.
 */

/** What stands for a member cut out whole in a cut structure (a JSON text never holds a raw control character). */
export const CUT_MARK = '\u0001'
const VALUE_MARK = 0
const QUOTE = 0x22
const BACKSLASH = 0x5c

/** A node of a key structure: its range in the structure text and, for a container, its members. */
interface StructureNode {
  readonly start: number
  readonly end: number
  /** members of an object or elements of an array, in order; undefined for a scalar */
  readonly children: StructureNode[] | undefined
}

/** Every scalar value of every tree: its range is never read (a structure of 300 values holds no 300 nodes). */
const SCALAR: StructureNode = { start: -1, end: -1, children: undefined }

/** A structure text with a string value's quotes left out (`"\0"` as `\0`): a string and a number at one position are one value position. */
const unquoted = (text: string): string => text.replaceAll('"\u0000"', '\u0000')

/** One key structure that did not pay on its own, with its messages. */
export interface CutCandidate<T> {
  readonly structure: string
  readonly count: number
  readonly ref: T
}

/** A family of structures that share one cut structure. */
export interface CutFamily<T> {
  /** the structure with every cut member as CUT_MARK */
  readonly cut: string
  /** the value positions of the cut structure: its scalar values and its cut members */
  readonly values: number
  readonly members: readonly CutCandidate<T>[]
  readonly count: number
}

/** The tree of a key structure (as discovery-json.ts's jsonStructure writes it), or undefined when it is not one. */
export function parseStructure(text: string): StructureNode | undefined {
  let i = 0
  const space = (): void => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  }
  const value = (): StructureNode | undefined => {
    space()
    const start = i
    const c = text.charCodeAt(i)
    if (c === VALUE_MARK) {
      i++
      return SCALAR
    }
    if (c === QUOTE) {
      // a string value is its quotes around the value mark
      if (text.charCodeAt(i + 1) !== VALUE_MARK || text.charCodeAt(i + 2) !== QUOTE) return undefined
      i += 3
      return SCALAR
    }
    if (c !== 0x7b && c !== 0x5b) return undefined
    const object = c === 0x7b
    const close = object ? 0x7d : 0x5d
    const children: StructureNode[] = []
    i++
    space()
    if (text.charCodeAt(i) === close) return { start, end: ++i, children }
    for (;;) {
      if (object) {
        space()
        if (text.charCodeAt(i) !== QUOTE) return undefined
        for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i += text.charCodeAt(i) === BACKSLASH ? 2 : 1);
        i++
        space()
        if (text.charCodeAt(i++) !== 0x3a) return undefined
      }
      const child = value()
      if (child === undefined) return undefined
      children.push(child)
      space()
      const next = text.charCodeAt(i++)
      if (next === close) return { start, end: i, children }
      if (next !== 0x2c) return undefined
    }
  }
  const root = value()
  return root === undefined || root.children === undefined ? undefined : root
}

/** A node's own shape: its text with each container member's content left out (`{"a":"\0","b":{}}` for any b object). */
function shapeOf(text: string, node: StructureNode): string {
  let shape = ''
  let cursor = node.start
  for (const child of node.children ?? []) {
    if (child.children === undefined) continue
    shape += `${text.slice(cursor, child.start)}${text.charCodeAt(child.start) === 0x7b ? '\u0002' : '\u0003'}`
    cursor = child.end
  }
  return unquoted(shape + text.slice(cursor, node.end))
}

/** The node at `path` (member indexes from the root). */
function nodeAt(root: StructureNode, path: readonly number[]): StructureNode {
  let node = root
  for (const k of path) node = (node.children as StructureNode[])[k] as StructureNode
  return node
}

/** The structure text with the nodes at `cuts` as CUT_MARK, and its value positions. */
function cutText(text: string, root: StructureNode, cuts: readonly (readonly number[])[]): [string, number] {
  const ranges = cuts.map((path) => nodeAt(root, path)).sort((a, b) => a.start - b.start)
  let out = ''
  let cursor = 0
  for (const node of ranges) {
    out += text.slice(cursor, node.start) + CUT_MARK
    cursor = node.end
  }
  out = unquoted(out + text.slice(cursor))
  let values = 0
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i)
    if (c === VALUE_MARK || c === 0x01) values++
  }
  return [out, values]
}

interface Parsed<T> {
  readonly candidate: CutCandidate<T>
  readonly root: StructureNode
}

interface Pending<T> {
  readonly members: Parsed<T>[]
  /** container members still to look at, shallowest first */
  readonly queue: (readonly number[])[]
  readonly cuts: (readonly number[])[]
}

/**
 * The families of `candidates` (structures that did not pay on their own) by the rule above; `pays`
 * says whether `count` messages pay for a template of the structure text with `values` value positions.
 * Families of fewer than 2 messages, and of one structure with nothing cut (it did not pay before), are left out.
 */
export function cutFamilies<T>(
  candidates: readonly CutCandidate<T>[],
  pays: (structure: string, values: number, count: number) => boolean,
): CutFamily<T>[] {
  // grouped by their top level first (a scan, no tree), so the trees of one group at a time are held
  const byRoot = new Map<string, CutCandidate<T>[]>()
  for (const candidate of candidates) {
    const shape = rootShape(candidate.structure)
    const list = byRoot.get(shape)
    if (list === undefined) byRoot.set(shape, [candidate])
    else list.push(candidate)
  }
  const total = (members: readonly Parsed<T>[]): number => members.reduce((n, m) => n + m.candidate.count, 0)
  const childPaths = (root: StructureNode, path: readonly number[]): number[][] =>
    (nodeAt(root, path).children as StructureNode[]).flatMap((child, k) =>
      child.children === undefined ? [] : [[...path, k]],
    )
  const families: CutFamily<T>[] = []
  for (const group of byRoot.values()) {
    if (group.reduce((n, c) => n + c.count, 0) < 2) continue
    const members: Parsed<T>[] = []
    for (const candidate of group) {
      const root = parseStructure(candidate.structure)
      if (root !== undefined) members.push({ candidate, root })
    }
    if (members.length > 0) refine(members, childPaths((members[0] as Parsed<T>).root, []), families)
  }
  return families

  function refine(start: Parsed<T>[], queue0: number[][], families: CutFamily<T>[]): void {
    const work: Pending<T>[] = [{ members: start, queue: queue0, cuts: [] }]
    for (let family = work.pop(); family !== undefined; family = work.pop()) {
      const { members, queue, cuts } = family
      const path = queue.shift()
      if (path === undefined) {
        const first = members[0] as Parsed<T>
        const [cut, values] = cutText(first.candidate.structure, first.root, cuts)
        const count = total(members)
        if (count >= 2 && (cuts.length > 0 || members.length > 1) && pays(cut, values, count))
          families.push({ cut, values, members: members.map((m) => m.candidate), count })
        continue
      }
      const byShape = new Map<string, Parsed<T>[]>()
      for (const member of members) {
        const shape = shapeOf(member.candidate.structure, nodeAt(member.root, path))
        const list = byShape.get(shape)
        if (list === undefined) byShape.set(shape, [member])
        else list.push(member)
      }
      if (byShape.size === 1) {
        work.push({ members, queue: [...queue, ...childPaths((members[0] as Parsed<T>).root, path)], cuts })
        continue
      }
      const rest: Parsed<T>[] = []
      for (const shaped of byShape.values()) {
        const first = shaped[0] as Parsed<T>
        const [cut, values] = cutText(first.candidate.structure, first.root, cuts)
        if (pays(cut, values, total(shaped)))
          work.push({ members: shaped, queue: [...queue, ...childPaths(first.root, path)], cuts })
        else rest.push(...shaped)
      }
      if (total(rest) >= 2) work.push({ members: rest, queue, cuts: [...cuts, path] })
    }
  }
}

/**
 * The top level of a key structure, as shapeOf gives it for the root (each container member as its kind's
 * mark), read in one scan without a tree: the key cutFamilies groups by before any tree is parsed.
 */
function rootShape(text: string): string {
  let out = ''
  let depth = 0
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i += text.charCodeAt(i) === BACKSLASH ? 2 : 1);
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth === 2) {
        out += `${text.slice(from, i)}${c === 0x7b ? '\u0002' : '\u0003'}`
      }
    } else if ((c === 0x7d || c === 0x5d) && --depth === 1) from = i + 1
  }
  return unquoted(out + text.slice(from))
}

/** End of the JSON container of `text` that opens at `at` (strings skipped), or -1. */
function containerEnd(text: string, at: number): number {
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i += text.charCodeAt(i) === BACKSLASH ? 2 : 1);
    } else if (c === 0x7b || c === 0x5b) depth++
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1
  }
  return -1
}

/**
 * The value spans of a message of a cut family (`cut`: its cut structure): its scalar value spans
 * (`spans`, json-spans.ts) with every cut member one span of its whole JSON text; undefined when the
 * message does not have that structure.
 */
export function cutSpans(text: string, spans: Int32Array, cut: string): Int32Array | undefined {
  const out: number[] = []
  let i = 0
  let k = 0
  for (let j = 0; j < cut.length; j++) {
    const c = cut.charCodeAt(j)
    if (c === VALUE_MARK) {
      // a string's value is inside its quotes (the cut structure has none around it)
      const quoted = text.charCodeAt(i) === QUOTE
      if (spans[k] !== i + (quoted ? 1 : 0)) return undefined
      out.push(spans[k] as number, spans[k + 1] as number)
      i = (spans[k + 1] as number) + (quoted ? 1 : 0)
      k += 2
    } else if (c === 0x01) {
      const end = containerEnd(text, i)
      if (end < 0) return undefined
      out.push(i, end)
      while (k < spans.length && (spans[k] as number) < end) k += 2
      i = end
    } else if (text.charCodeAt(i++) !== c) return undefined
  }
  return i === text.length && k === spans.length ? Int32Array.from(out) : undefined
}
