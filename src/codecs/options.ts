/** Validation of codec options: every bad option is a user-facing AuraError('E_SCHEMA'). */
import { AuraError } from '../core/index.ts'

/** Returns `value ?? fallback` after checking it is an integer in [min, max]; throws E_SCHEMA otherwise. */
export function integerOption(
  codec: string,
  field: string,
  value: number | undefined,
  fallback: number,
  range: readonly [number, number],
): number {
  const resolved = value ?? fallback
  const [min, max] = range
  if (!Number.isInteger(resolved) || resolved < min || resolved > max) {
    throw new AuraError(
      'E_SCHEMA',
      `${codec}: ${field} must be an integer from ${min} to ${max}, got ${String(resolved)}`,
      { field },
      { hint: `use a ${field} between ${min} and ${max}` },
    )
  }
  return resolved
}

/** Returns `value ?? fallback` after checking it is one of `allowed`; throws E_SCHEMA otherwise. */
export function enumOption<T extends string>(
  codec: string,
  field: string,
  value: T | undefined,
  fallback: T,
  allowed: readonly T[],
): T {
  const resolved = value ?? fallback
  if (!allowed.includes(resolved)) {
    throw new AuraError(
      'E_SCHEMA',
      `${codec}: ${field} must be one of ${allowed.join(', ')}, got ${String(resolved)}`,
      { field },
    )
  }
  return resolved
}

/** Checks a decoder's output bound: a non-negative integer number of bytes. */
export function checkMaxOutputBytes(maxOutputBytes: number): number {
  if (!Number.isSafeInteger(maxOutputBytes) || maxOutputBytes < 0) {
    throw new AuraError('E_SCHEMA', `maxOutputBytes must be a non-negative integer, got ${String(maxOutputBytes)}`, {
      field: 'maxOutputBytes',
    })
  }
  return maxOutputBytes
}
