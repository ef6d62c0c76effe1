/**
 * The check at the door of the package's checked exports (checked-exports.ts): `checked(name, fn,
 * params)` wraps a function so that an argument of the wrong kind is AuraError E_USAGE naming the
 * function and the argument, thrown (or, for a function that returns a promise, a rejection).
 */
import { AuraError, wrongArgument } from './core/index.ts'

/** What an argument must be. */
type Kind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'strings'
  | 'bytes'
  | 'bytes-or-null'
  | 'bytes-list'
  | 'iterable'
  | 'function'
  | 'error'
  | 'store'
  | 'store-or-null'
  | 'matcher-or-null'
  | 'stateful-codec'
  | 'any'

const KIND_TEXT: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  strings: 'an array of strings',
  bytes: 'a Uint8Array',
  'bytes-or-null': 'a Uint8Array or null',
  'bytes-list': 'an array of Uint8Arrays',
  iterable: 'an iterable or async iterable of messages',
  function: 'a function',
  error: 'an AuraError',
  store: 'a template store (from loadTemplateStore or parseTemplateStore)',
  'store-or-null': 'a template store (from loadTemplateStore or parseTemplateStore) or null',
  'matcher-or-null': 'a matcher (from createMatcher) or null',
  'stateful-codec': "'zstd', 'deflate' or 'cm'",
  any: 'anything',
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A store as loadTemplateStore / parseTemplateStore return it (its templates parsed, indexed by id). */
const isStore = (value: unknown): boolean =>
  isObject(value) &&
  Array.isArray((value as { templates?: unknown }).templates) &&
  (value as { byId?: unknown }).byId instanceof Map

/** A matcher as createMatcher returns it. */
const isMatcher = (value: unknown): boolean =>
  isObject(value) &&
  typeof (value as { match?: unknown }).match === 'function' &&
  isStore((value as { store?: unknown }).store)

/** The index of the first element of `list` that fails `test`, or -1. */
const firstBad = (list: readonly unknown[], test: (value: unknown) => boolean): number =>
  list.findIndex((v) => !test(v))

/** Why `value` is not of `kind` (`got a string`, `got a number at [3]`), or undefined when it is. */
function mismatch(kind: Kind, value: unknown): { value: unknown; at?: number } | undefined {
  const ok = (test: boolean) => (test ? undefined : { value })
  const each = (test: (v: unknown) => boolean) => {
    if (!Array.isArray(value)) return { value }
    const at = firstBad(value, test)
    return at === -1 ? undefined : { value: value[at], at }
  }
  switch (kind) {
    case 'string':
      return ok(typeof value === 'string')
    case 'number':
      return ok(typeof value === 'number')
    case 'boolean':
      return ok(typeof value === 'boolean')
    case 'object':
      return ok(isObject(value))
    case 'array':
      return ok(Array.isArray(value))
    case 'strings':
      return each((v) => typeof v === 'string')
    case 'bytes':
      return ok(value instanceof Uint8Array)
    case 'bytes-or-null':
      return ok(value === null || value instanceof Uint8Array)
    case 'bytes-list':
      return each((v) => v instanceof Uint8Array)
    case 'iterable':
      return ok(
        isObject(value) || Array.isArray(value)
          ? Symbol.iterator in (value as object) || Symbol.asyncIterator in (value as object)
          : false,
      )
    case 'function':
      return ok(typeof value === 'function')
    case 'error':
      return ok(value instanceof AuraError)
    case 'store':
      return ok(isStore(value))
    case 'store-or-null':
      return ok(value === null || isStore(value))
    case 'matcher-or-null':
      return ok(value === null || isMatcher(value))
    case 'stateful-codec':
      return ok(value === 'zstd' || value === 'deflate' || value === 'cm')
    case 'any':
      return undefined
  }
}

/** A key an object argument cannot do without, and (when the spec names one) the kind its value must be. */
interface RequiredKey {
  key: string
  kind: Kind | undefined
  /** `key?: kind`: the key may be absent, and when present its value must be of `kind` */
  optional: boolean
}

/**
 * One parsed entry of `params`: `'config: object(name, fallback)'` names the argument, its kind and required
 * keys; a key may name its value's kind too (`'resources: object(dictionary: bytes-or-null)'`).
 */
interface ParamSpec {
  argument: string
  optional: boolean
  kind: Kind
  required: RequiredKey[]
}

const isKind = (kind: string | undefined): kind is Kind => kind !== undefined && kind in KIND_TEXT

function parseParamSpec(param: string): ParamSpec {
  const [, argument = '', optional, kind, keys] = /^(\w+)(\?)?: ([\w-]+)(?:\(([\w, :?-]+)\))?$/.exec(param) ?? []
  if (!isKind(kind)) throw new AuraError('E_INTERNAL', `bad parameter spec ${param}`)
  const required = (keys === undefined ? [] : keys.split(',')).map((entry): RequiredKey => {
    const [written = '', keyKind] = entry.split(':').map((part) => part.trim())
    if (keyKind !== undefined && !isKind(keyKind)) throw new AuraError('E_INTERNAL', `bad parameter spec ${param}`)
    const optional = written.endsWith('?')
    return { key: optional ? written.slice(0, -1) : written, kind: keyKind, optional }
  })
  return { argument, optional: optional === '?', kind, required }
}

/** The E_USAGE error for `value` as argument `spec` of function `name`, or undefined when it passes. */
function argumentError(name: string, spec: ParamSpec, value: unknown): AuraError | undefined {
  if (spec.optional && value === undefined) return undefined
  const bad = mismatch(spec.kind, value)
  if (bad !== undefined)
    return wrongArgument(
      `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]}${bad.at === undefined ? '' : ` (element [${bad.at}])`}`,
      bad.value,
    )
  for (const { key, kind, optional } of spec.required) {
    const field = (value as Record<string, unknown>)[key]
    if (field === undefined && optional) continue
    if (field === undefined)
      return new AuraError(
        'E_USAGE',
        `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]} with \`${key}\`${kind === undefined ? '' : ` (${KIND_TEXT[kind]})`}, which it lacks`,
      )
    if (kind !== undefined && mismatch(kind, field) !== undefined)
      return wrongArgument(`${name}: ${spec.argument}.${key} must be ${KIND_TEXT[kind]}`, field)
  }
  return undefined
}

/**
 * `fn` with its arguments checked: `params` name each argument and its kind (`'messages: strings'`,
 * `'options?: object'`: optional, undefined allowed). `returnsPromise`: the error is a rejection.
 */
export function checked<F extends (...args: never[]) => unknown>(
  name: string,
  fn: F,
  params: readonly string[],
  returnsPromise = false,
  /** what the checked arguments become before `fn` sees them (an absent option given its documented default) */
  prepare: (args: unknown[]) => unknown[] = (args) => args,
): F {
  const specs = params.map(parseParamSpec)
  const wrapper = (...args: unknown[]): unknown => {
    for (const [i, spec] of specs.entries()) {
      const error = argumentError(name, spec, args[i])
      if (error === undefined) continue
      if (returnsPromise) return Promise.reject(error)
      throw error
    }
    return (fn as unknown as (...a: unknown[]) => unknown)(...prepare(args))
  }
  Object.defineProperty(wrapper, 'name', { value: name })
  return wrapper as unknown as F
}
