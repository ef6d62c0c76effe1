import { describe, expect, it } from 'vitest'
import { escapeInline, escapeTerminal, warningCallout } from './format.ts'
import { renderCostTotal } from './cost-total-markdown.ts'
import { collapsible } from './markdown-summary.ts'

describe('names from inputs are data (issue 19, item 4)', () => {
  it('shows control characters to a terminal instead of obeying them, so no name forges a CI log line', () => {
    const forged = 'ok\n::error file=x::forged\u001b[2J\u001b]0;title\u0007\r\u009b\u202e'
    const text = escapeTerminal(forged)
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/)
    expect(text).toBe('ok\\x0a::error file=x::forged\\x1b[2J\\x1b]0;title\\x07\\x0d\\x9b\\u{202e}')
    expect(escapeTerminal('emergency')).toBe('emergency')
  })

  it('keeps a name inside its Markdown line: no code span, emphasis or HTML from it', () => {
    expect(escapeInline('a`b`\n<script>*x*')).toBe('a\\`b\\`⏎\\<script\\>\\*x\\*')
  })
})

describe('collapsible section titles', () => {
  it('shows an escaped name as its text in <summary>, HTML-escaped once, no Markdown backslashes', () => {
    const title = `Details: ${escapeInline('<&>_x*`')}`
    const folded = collapsible(`## ${title}\n\nbody`)
    expect(folded).toContain('<summary><b>Details: &lt;&amp;&gt;_x*`</b></summary>')
  })
})

// s40-rev3 F5 and F6: a --baseline path in the step summary's warning and corpus names in cost.md's total paragraph
describe('paths and names in a warning line and a paragraph (s40-rev3 F5, F6)', () => {
  it('keeps a baseline path with *, _, a backtick and a newline inside the bold line of its blockquote', () => {
    const text = warningCallout('NO BASELINE: base_*line*`x`.json\nfound')
    expect(text).toBe('> [!WARNING]\n> **NO BASELINE: base\\_\\*line\\*\\`x\\`.json⏎found**\n\n')
    // one line of the quote, then the blank line that ends it
    expect(text.split('\n')).toHaveLength(4)
  })

  it('escapes corpus and config names in the total paragraph, with no table-cell backslash before a |', () => {
    const traffic = { gbPerDay: 1, costPerMonthUsd: 2, costPerYearUsd: 24 }
    const markdown = renderCostTotal({
      corpora: [
        { corpus: '*logs*_a|b', messagesPerDay: 1000 },
        { corpus: 'plain', messagesPerDay: 2000 },
      ],
      overheadBytesPerMessage: 8,
      uncompressed: traffic,
      configs: [{ name: 'mine', ...traffic, savedPerMonthUsd: 0, savedPerYearUsd: 0 }],
      notOnEveryCorpus: ['only|`one`'],
    })
    expect(markdown).toContain('Each corpus at its own traffic (\\*logs\\*\\_a|b ')
    expect(markdown).toContain('Not totalled (not projected on every corpus): only|\\`one\\`.')
  })
})
