/** Helpers shared by the template tests (test code: may use vitest). */
import { expect } from 'vitest'
import { concatBytes, FrameError } from '../core/index.ts'
import { encodeTemplateBody } from './binary-semantic.ts'
import type { TemplateMatcher } from './matcher.ts'
import { parseTemplateStore } from './store-parse.ts'
import type { TemplateStore } from './store-types.ts'

/** A store of untyped templates, ids from 1. */
export function storeOf(...patterns: string[]): TemplateStore {
  return parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: 's',
      templates: patterns.map((pattern, i) => ({ id: i + 1, pattern })),
    },
    's.json',
  )
}

/** A decoder's outcome as one comparable string: `ok` and the message, or the FrameError's code and message. */
export function decodeOutcome(run: () => Uint8Array | string): string {
  try {
    const result = run()
    return typeof result === 'string' ? `ok ${result}` : `ok ${new TextDecoder().decode(result)}`
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError)
    return `${(error as FrameError).code} ${(error as FrameError).message}`
  }
}

/** The straightforward encoder the frame encoder replaces: every match encoded in full, the smallest frame kept (ties: lowest id). */
export function referenceFrame(
  matcher: TemplateMatcher,
  message: string,
  prefixOf: (templateId: number) => Uint8Array,
): { templateId: number; frame: Uint8Array } | undefined {
  let best: { templateId: number; frame: Uint8Array } | undefined
  for (const { template, values } of matcher.match(message)) {
    const body = encodeTemplateBody(template, values)
    if (body === undefined) continue
    const frame = concatBytes([prefixOf(template.id), body])
    if (best === undefined || frame.length < best.frame.length) best = { templateId: template.id, frame }
  }
  return best
}
