/**
 * Test helper: a strict check of JUnit XML against the junit-4 shape, with no XML library. A small
 * well-formedness parser (elements, attributes, text, the five entities, no DTD), then the rules of
 * test/fixtures/junit-4.xsd: which elements and attributes exist where, in which order, with which
 * types, plus what no schema checks: the counts add up. Returns every violation (none: valid).
 */
import { execFileSync } from 'node:child_process'

/** A parsed element. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    const value = ENTITIES[ref]
    if (value === undefined) throw new Error(`unknown entity ${whole}`)
    return value
  })
}

/** Parses an XML document (declaration, one root); throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  let at = 0
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`)
  }
  const skipSpace = () => {
    while (/\s/.test(xml[at] ?? '')) at++
  }
  if (xml.startsWith('<?xml')) at = xml.indexOf('?>') + 2
  skipSpace()
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(at)) ?? fail('expected an element')
    const node: XmlElement = { name: open[1] as string, attributes: {}, children: [], text: '' }
    at += open[0].length
    for (;;) {
      skipSpace()
      if (xml.startsWith('/>', at)) return ((at += 2), node)
      if (xml[at] === '>') break
      const attr = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(at)) ?? fail('expected an attribute')
      if (attr[1]! in node.attributes) fail(`duplicate attribute ${attr[1]}`)
      node.attributes[attr[1]!] = decode(attr[2]!)
      at += attr[0].length
    }
    at++
    for (;;) {
      const next = xml.indexOf('<', at)
      if (next < 0) fail(`unclosed <${node.name}>`)
      const text = xml.slice(at, next)
      if (text.includes('>') || /&(?!(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);)/.test(text)) fail('unescaped > or & in text')
      node.text += decode(text)
      at = next
      if (xml.startsWith(`</${node.name}>`, at)) return ((at += node.name.length + 3), node)
      if (xml.startsWith('</', at)) fail(`mismatched closing tag inside <${node.name}>`)
      node.children.push(element())
    }
  }
  const root = element()
  skipSpace()
  if (at !== xml.length) fail('content after the root element')
  return root
}

const COUNT = /^(0|[1-9][0-9]*)$/
const SECONDS = /^[0-9]+(\.[0-9]+)?$/
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$/

function checkAttributes(
  node: XmlElement,
  where: string,
  rules: Record<string, { required: boolean; pattern?: RegExp }>,
  out: string[],
): void {
  for (const name of Object.keys(node.attributes))
    if (!(name in rules)) out.push(`${where}: attribute ${name} is not in junit-4`)
  for (const [name, rule] of Object.entries(rules)) {
    const value = node.attributes[name]
    if (value === undefined) {
      if (rule.required) out.push(`${where}: missing ${name}`)
    } else if (rule.pattern !== undefined && !rule.pattern.test(value))
      out.push(`${where}: ${name}="${value}" has the wrong type`)
  }
}

/** Children must appear in this order, each at most `max` times. */
function checkOrder(node: XmlElement, where: string, order: Array<[string, number]>, out: string[]): void {
  let position = 0
  const seen = new Map<string, number>()
  for (const child of node.children) {
    const index = order.findIndex(([name]) => name === child.name)
    if (index < 0) out.push(`${where}: <${child.name}> is not allowed in <${node.name}>`)
    else if (index < position) out.push(`${where}: <${child.name}> is out of order`)
    else position = index
    seen.set(child.name, (seen.get(child.name) ?? 0) + 1)
  }
  for (const [name, max] of order) if ((seen.get(name) ?? 0) > max) out.push(`${where}: more than ${max} <${name}>`)
}

function checkCase(tc: XmlElement, where: string, out: string[]): void {
  checkAttributes(
    tc,
    where,
    {
      name: { required: true },
      classname: { required: true },
      time: { required: true, pattern: SECONDS },
      assertions: { required: false },
      status: { required: false },
    },
    out,
  )
  checkOrder(
    tc,
    where,
    [
      ['skipped', 1],
      ['error', Infinity],
      ['failure', Infinity],
      ['system-out', Infinity],
      ['system-err', Infinity],
    ],
    out,
  )
}

function checkSuite(
  suite: XmlElement,
  where: string,
  out: string[],
): { tests: number; failures: number; errors: number } {
  const rules = { required: true, pattern: COUNT }
  checkAttributes(
    suite,
    where,
    {
      name: { required: true },
      tests: rules,
      failures: rules,
      errors: rules,
      skipped: rules,
      time: { required: true, pattern: SECONDS },
      timestamp: { required: false, pattern: TIMESTAMP },
      disabled: { required: false, pattern: COUNT },
      hostname: { required: false },
      id: { required: false },
      package: { required: false },
    },
    out,
  )
  checkOrder(
    suite,
    where,
    [
      ['properties', 1],
      ['testcase', Infinity],
      ['system-out', 1],
      ['system-err', 1],
    ],
    out,
  )
  const cases = suite.children.filter((c) => c.name === 'testcase')
  cases.forEach((tc, i) => checkCase(tc, `${where}.testcase[${i}]`, out))
  const has = (name: string) => cases.filter((tc) => tc.children.some((c) => c.name === name)).length
  const counted = { tests: cases.length, failures: has('failure'), errors: has('error'), skipped: has('skipped') }
  for (const [name, value] of Object.entries(counted))
    if (suite.attributes[name] !== String(value))
      out.push(`${where}: ${name}="${suite.attributes[name]}" but it holds ${value}`)
  return counted
}

/** Every way `xml` departs from the junit-4 shape; [] when it is valid. */
export function checkJunit(xml: string): string[] {
  const out: string[] = []
  const root = parseXml(xml)
  if (root.name !== 'testsuites') return [`root is <${root.name}>, not <testsuites>`]
  checkAttributes(
    root,
    'testsuites',
    {
      name: { required: false },
      time: { required: false, pattern: SECONDS },
      tests: { required: false, pattern: COUNT },
      failures: { required: false, pattern: COUNT },
      errors: { required: false, pattern: COUNT },
      disabled: { required: false, pattern: COUNT },
    },
    out,
  )
  checkOrder(root, 'testsuites', [['testsuite', Infinity]], out)
  const totals = root.children
    .filter((c) => c.name === 'testsuite')
    .map((s, i) => checkSuite(s, `testsuite[${i}]`, out))
  for (const name of ['tests', 'failures', 'errors'] as const) {
    const sum = totals.reduce((a, t) => a + t[name], 0)
    if (root.attributes[name] !== undefined && root.attributes[name] !== String(sum))
      out.push(`testsuites: ${name}="${root.attributes[name]}" but the suites hold ${sum}`)
  }
  return out
}

/** True when xmllint is installed (libxml2-utils). */
export function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Validates a file against an XSD with xmllint; returns its stderr on failure, '' when valid. */
export function xmllintErrors(xmlFile: string, xsdFile: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsdFile, xmlFile], { stdio: 'pipe' })
    return ''
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error)
  }
}
