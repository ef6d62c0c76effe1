/**
 * Template discovery: mines a template store from a corpus of text messages. Deterministic: the
 * same messages and options give the same store, byte for byte (the run's date comes in as an option).
 *
 * Steps:
 * 1. Cluster the messages into events (discovery-cluster.ts); with a `header` format the
 *    clustering looks at the content only, the header still becomes slots and literals.
 * 2. Split each cluster by its exact separators (padding) and draft one template per part
 *    (discovery-pattern.ts): the pattern covers the whole message, with typed slots. When the
 *    values of a part come in several shapes, each shape with enough messages gets a tighter
 *    template too, and the part's own template stays as their fallback.
 * 3. Drop drafts that repeat a pattern already kept or already in the store being extended; keep
 *    those with at least `minSupport` messages, most messages first, at most `maxTemplates`.
 * 4. Give new templates ids after the highest existing id (most used first, so the busiest get the
 *    shortest frame headers) and build the store.
 * 5. Encode every training message with its own event's templates (discovery-verify.ts; the whole
 *    store for a message they do not encode, and for every message of a merge); templates no message
 *    ends up using are dropped (another template always encodes their messages smaller), fallbacks
 *    excepted, and the store is rebuilt.
 *
 * The steps read the corpus in passes (discovery-plan.ts): discoverTemplates runs them over an array
 * of messages, discoverFromSource over a source read once per pass (a corpus file streamed each
 * time), so that discovery on a large corpus of JSON messages does not hold it.
 */
import { planDiscovery } from './discovery-plan.ts'
import type { DiscoveryOptions, DiscoveryResult, MessageSource } from './discovery-types.ts'

/** Mines templates from messages (see the file comment); throws AuraError E_SCHEMA for bad options. */
export function discoverTemplates(messages: readonly string[], options: DiscoveryOptions = {}): DiscoveryResult {
  const plan = planDiscovery(options)
  for (let step = plan.next(); ; step = plan.next()) {
    if (step.done === true) return step.value
    const { wants, visit } = step.value
    messages.forEach((text, index) => {
      if (wants === undefined || wants(index)) visit(text, index)
    })
  }
}

/**
 * Mines templates from a source read once per pass (MessageSource): the same result as
 * discoverTemplates over the source's messages, without holding the JSON ones.
 */
export async function discoverFromSource(
  source: MessageSource,
  options: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const plan = planDiscovery(options)
  for (let step = plan.next(); ; step = plan.next()) {
    if (step.done === true) return step.value
    await source.read(step.value)
  }
}
