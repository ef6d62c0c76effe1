/** True for a JSON object (not null, not a list): what a parsed file must be before its keys are read. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
