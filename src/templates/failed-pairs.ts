/** The memory of the matcher's split search (matcher-split.ts searchSplit): which (slot, position) pairs are known to fail. */

/** Most (slot, position) keys held in a stamped table; longer messages x more slots use a Set. */
const MAX_DENSE_KEYS = 1 << 16

/**
 * The (slot, position) pairs known to fail for the template being matched: a table of stamps (one
 * number per key, the current search's stamp marks a failure) so that starting a search costs
 * nothing; a Set only for keys beyond MAX_DENSE_KEYS (a long message with many slots).
 */
export class FailedPairs {
  private stamps = new Uint32Array(1024)
  private stamp = 0
  private readonly sparse = new Set<number>()
  private dense = true

  /** Forgets every pair, for a search whose keys are below `keyCount`. */
  begin(keyCount: number): void {
    this.dense = keyCount <= MAX_DENSE_KEYS
    if (!this.dense) {
      this.sparse.clear()
      return
    }
    if (keyCount > this.stamps.length) this.stamps = new Uint32Array(Math.max(keyCount, this.stamps.length * 2))
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0)
      this.stamp = 0
    }
    this.stamp += 1
  }

  has(key: number): boolean {
    return this.dense ? this.stamps[key] === this.stamp : this.sparse.has(key)
  }

  add(key: number): void {
    if (this.dense) this.stamps[key] = this.stamp
    else this.sparse.add(key)
  }
}
