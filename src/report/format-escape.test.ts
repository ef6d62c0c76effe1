import { describe, expect, it } from 'vitest'
import { escapeInline, escapeTerminal } from './format.ts'
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
