/**
 * The keys a zod schema allows at a path of the value it checks, found by walking its definition
 * through objects, records, lists, tuples, unions, intersections, lazies and wrappers (for the
 * `known keys` and did-you-mean of an unknown key).
 */
import type { z } from 'zod'

/** Keys of the object schema found by walking a path through objects, arrays and wrappers. */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown[] = [schema]
  for (const key of path) current = current.flatMap((s) => childSchemas(s, key))
  return [...new Set(current.flatMap((s) => objectShapes(s).flatMap((shape) => Object.keys(shape))))]
}

interface SchemaDef {
  type?: string
  shape?: Record<string, unknown>
  element?: unknown
  valueType?: unknown
  options?: unknown[]
  left?: unknown
  right?: unknown
  items?: unknown[]
  rest?: unknown
  getter?: () => unknown
}

/** The object shapes a schema stands for: an object's, every object option of a union, both sides of an intersection. */
function objectShapes(schema: unknown): Array<Record<string, unknown>> {
  const def = (unwrap(schema) as { def?: SchemaDef } | undefined)?.def
  if (def?.type === 'object' && def.shape !== undefined) return [def.shape]
  if (def?.type === 'union') return (def.options ?? []).flatMap(objectShapes)
  if (def?.type === 'intersection') return [...objectShapes(def.left), ...objectShapes(def.right)]
  if (def?.type === 'lazy' && def.getter !== undefined) return objectShapes(def.getter())
  return []
}

/** The schemas a value under `key` of a value of `schema` may follow (objects, records, lists, tuples, unions). */
function childSchemas(schema: unknown, key: PropertyKey): unknown[] {
  const def = (unwrap(schema) as { def?: SchemaDef } | undefined)?.def
  switch (def?.type) {
    case 'object':
      return def.shape !== undefined && Object.hasOwn(def.shape, String(key)) ? [def.shape[String(key)]] : []
    case 'record':
      return [def.valueType]
    case 'array':
      return typeof key === 'number' ? [def.element] : []
    case 'tuple':
      return typeof key === 'number' ? [def.items?.[key] ?? def.rest].filter((s) => s !== undefined) : []
    case 'union':
      return (def.options ?? []).flatMap((option) => childSchemas(option, key))
    case 'intersection':
      return [...childSchemas(def.left, key), ...childSchemas(def.right, key)]
    case 'lazy':
      return def.getter === undefined ? [] : childSchemas(def.getter(), key)
    default:
      return []
  }
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined
  for (let i = 0; i < 10 && current?.def !== undefined; i++) {
    const { type, innerType } = current.def
    if (
      (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault' || type === 'catch') &&
      innerType !== undefined
    ) {
      current = innerType as typeof current
    } else if (type === 'pipe' && current.def.in !== undefined) {
      // z.preprocess is a pipe from a transform to the real schema: the keys live in `out`
      const input = current.def.in as typeof current
      current = (input?.def?.type === 'transform' ? (current.def as { out?: unknown }).out : input) as typeof current
    } else break
  }
  return current
}
