/**
 * The endings of the warnings the runner writes about an in-sample run (a template store or zstd
 * dictionary made from the messages it is measured on), and how reports recognise those warnings:
 * by the endings, so a corpus or config merely named "in-sample" is not taken for one.
 */

/** How an in-sample warning about a store ends ... */
export const IN_SAMPLE_STORE = 'hit rate and ratio are in-sample, better than unseen traffic would get'
/** ... and one about a dictionary. */
export const IN_SAMPLE_RATIO = 'its ratio is in-sample'

/** True for a runner's in-sample warning: `config X on corpus Y: ...` ending in one of the two endings. */
export function isInSampleWarning(warning: string): boolean {
  return warning.startsWith('config ') && (warning.endsWith(IN_SAMPLE_STORE) || warning.endsWith(IN_SAMPLE_RATIO))
}

/**
 * The key under which a merge of shards counts two warnings as the same: a timing measured by each
 * shard (`... took 3.8 ms per 150-byte message here ...`, hybrid/speed-check.ts) is left out, so the
 * merged run says once what a single run says once.
 */
export function mergedWarningKey(warning: string): string {
  return warning.replace(/ took \d+(?:\.\d+)? ms per /, ' took … ms per ')
}
