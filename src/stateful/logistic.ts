/**
 * The logistic function and its inverse in integers, as context mixing uses them: a probability is
 * 12 bits (0-4095), a stretched one ln(p / (1 - p)) * 256, clamped to -2047..2047. Tables only,
 * built without floating-point library calls, so every engine computes the same values.
 */

/** 4096 / (1 + e^-(i - 16) / 2), i = 0..32, rounded down. */
export const SQUASH_TABLE = Int32Array.of(
  1,
  2,
  3,
  6,
  10,
  16,
  27,
  45,
  73,
  120,
  194,
  310,
  488,
  747,
  1101,
  1546,
  2048,
  2549,
  2994,
  3348,
  3607,
  3785,
  3901,
  3975,
  4022,
  4050,
  4068,
  4079,
  4085,
  4089,
  4092,
  4093,
  4094,
)

/** 4096 / (1 + e^(-d / 256)), interpolated between the table's points. */
export function squash(d: number): number {
  if (d > 2047) return 4095
  if (d < -2047) return 1
  const w = d & 127
  const i = (d >> 7) + 16
  return ((SQUASH_TABLE[i] as number) * (128 - w) + (SQUASH_TABLE[i + 1] as number) * w + 64) >> 7
}

/** stretch(p): the d whose squash is nearest p from below, for p = 0..4095. */
const STRETCH_TABLE = (() => {
  const table = new Int16Array(4096)
  let pi = 0
  for (let d = -2047; d <= 2047; d++) {
    const v = squash(d)
    for (let p = pi; p <= v; p++) table[p] = d
    pi = v + 1
  }
  for (let p = pi; p < 4096; p++) table[p] = 2047
  return table
})()

export const stretch = (p: number): number => STRETCH_TABLE[p] as number
