import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FrameError } from '../core/index.ts'
import { tokenizeMessage } from './discovery-tokens.ts'
import { decodeTemplateBody, encodeTemplateBody, parseTemplateStore, type Template } from './index.ts'
import { parseIpv6Groups, renderIpv6 } from './slot-ipv6.ts'

const store = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'v6',
    templates: [
      { id: 1, pattern: 'from {0} port {1}', slots: [{ type: 'ipv6' }, { type: 'integer' }] },
      { id: 2, pattern: 'peer {0}', slots: [{ type: 'auto' }] },
    ],
  },
  'v6.json',
)
const typed = store.byId.get(1) as Template
const auto = store.byId.get(2) as Template

function sizeOf(template: Template, values: string[]): number | undefined {
  const body = encodeTemplateBody(template, values)
  if (body === undefined) return undefined
  expect(decodeTemplateBody(template, body)).toBe(
    template === typed ? `from ${values[0]} port ${values[1]}` : `peer ${values[0]}`,
  )
  return body.length
}

describe('ipv6 slots', () => {
  it('send a group mask and the non-zero groups of canonical addresses', () => {
    expect(sizeOf(typed, ['fe80::1', '22'])).toBe(2 + 4 + 1)
    expect(sizeOf(typed, ['::1', '22'])).toBe(1 + 2 + 1)
    expect(sizeOf(typed, ['::', '22'])).toBe(1 + 1)
    expect(sizeOf(typed, ['2001:db8:85a3::8a2e:370:7334', '443'])).toBe(2 + 12 + 2)
    expect(sizeOf(typed, ['2001:db8:0:1:1:1:1:1', '1'])).toBe(2 + 14 + 1)
  })

  it('refuse every spelling that is not RFC 5952 canonical, and non-addresses', () => {
    for (const value of [
      'FE80::1',
      'fe80:0:0:0:0:0:0:1',
      '2001:db8::1:0:0:1x',
      '2001:0db8::1',
      '2001:db8:0:0:1:0:0:1',
      '1:2:3:4:5:6:7',
      '1::2::3',
      ':::',
      '10.0.0.1',
      'fe80::1:',
    ]) {
      expect(sizeOf(typed, [value, '1']), value).toBeUndefined()
    }
    // the longest run of zeros is the one written as ::, the first of equal runs
    expect(sizeOf(typed, ['2001:db8::1:0:0:1', '1'])).toBeDefined()
  })

  it('round-trip every address rendered canonically, typed and in an auto slot', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }))
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const text = renderIpv6(groups)
        expect(parseIpv6Groups(text)).toEqual(groups)
        expect(sizeOf(typed, [text, '1'])).toBeDefined()
        expect(sizeOf(auto, [text])).toBeDefined()
      }),
      { seed: 42, numRuns: 500 },
    )
  })

  it('reject a body that marks a zero group as non-zero', () => {
    // mask 0x80 (varint 0x80 0x01) says group 0 is non-zero, then group 0 is 00 00; port 1
    expect(() => decodeTemplateBody(typed, Uint8Array.of(0x80, 0x01, 0, 0, 2))).toThrow(FrameError)
    expect(decodeTemplateBody(typed, Uint8Array.of(0x80, 0x01, 0, 1, 2))).toBe('from 1:: port 1')
  })
})

describe('tokenizing IPv6 addresses', () => {
  it('keeps an address one token and leaves clock times and ports split', () => {
    expect(tokenizeMessage('from fe80::1%eth0 at 12:30:45').tokens).toEqual([
      'from',
      'fe80',
      '1%eth0',
      'at',
      '12',
      '30',
      '45',
    ])
    expect(tokenizeMessage('peer 2001:db8::7 port 22').tokens).toEqual(['peer', '2001:db8::7', 'port', '22'])
    expect(tokenizeMessage('[::1]:8080 up').tokens).toEqual(['::1', '8080', 'up'])
    expect(tokenizeMessage('std::vector<int>').tokens).toEqual(['std', 'vector', 'int'])
  })
})
