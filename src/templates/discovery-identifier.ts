/**
 * A word written as a code identifier: parts joined by `_` (`power_button`, `fe_https`, `WAKE_REASON_X`),
 * camelCase of two or more lower-case letters then a capital (`onStop`, `macOS`), or PascalCase of two or
 * more capitalised parts (`SegmentDeletion`, `ContainerStarted`). Programs put such names (an enum constant, a
 * reason code, a configured name, an attribute's name) into messages as parameters; the words a message's
 * text is written in are not spelt that way. Used by clustering (discovery-cluster.ts isIdentifierColumn,
 * s35-ga round) and by the keyed tail's value test (discovery-keyed-tail.ts valueLikeTail, s41-ga round).
 */
const IDENTIFIER =
  /^(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]|[a-z]{2,}[A-Z][A-Za-z0-9]*|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)$/

const EDGE_PUNCTUATION = /^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+$/g

/**
 * True when the token, without the punctuation a sentence puts around a word (`power_button.`), is
 * written as a code identifier (IDENTIFIER): the whole word, not a capital inside it, so the brand and
 * unit spellings of ordinary text (`iPhone`, `eBay`, `vCPU`, `kWh`, `NaN`, `OpenSSH`) are not
 * identifiers (review of the s35-ga round).
 */
export function isIdentifierWord(token: string): boolean {
  return IDENTIFIER.test(token.replace(EDGE_PUNCTUATION, ''))
}
