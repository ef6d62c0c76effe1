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
  any: 'anything',
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)

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
    case 'any':
      return undefined
  }
}

/** One parsed entry of `params`: `'config: object(name, fallback)'` names the argument, its kind and required keys. */
interface ParamSpec {
  argument: string
  optional: boolean
  kind: Kind
  required: string[]
}

function parseParamSpec(param: string): ParamSpec {
  const [, argument = '', optional, kind, keys] = /^(\w+)(\?)?: ([\w-]+)(?:\(([\w, ]+)\))?$/.exec(param) ?? []
  if (!(kind !== undefined && kind in KIND_TEXT)) throw new AuraError('E_INTERNAL', `bad parameter spec ${param}`)
  const required = keys === undefined ? [] : keys.split(',').map((key) => key.trim())
  return { argument, optional: optional === '?', kind: kind as Kind, required }
}

/** The E_USAGE error for `value` as argument `spec` of function `name`, or undefined when it passes. */
function argumentError(name: string, spec: ParamSpec, value: unknown): AuraError | undefined {
  if (spec.optional && value === undefined) return undefined
  const bad = mismatch(spec.kind, value)
  const missing =
    bad === undefined ? spec.required.find((key) => (value as Record<string, unknown>)[key] === undefined) : undefined
  if (bad === undefined && missing === undefined) return undefined
  return bad === undefined
    ? new AuraError(
        'E_USAGE',
        `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]} with \`${missing}\`, which it lacks`,
      )
    : wrongArgument(
        `${name}: ${spec.argument} must be ${KIND_TEXT[spec.kind]}${bad.at === undefined ? '' : ` (element [${bad.at}])`}`,
        bad.value,
      )
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
): F {
  const specs = params.map(parseParamSpec)
  const wrapper = (...args: unknown[]): unknown => {
    for (const [i, spec] of specs.entries()) {
      const error = argumentError(name, spec, args[i])
      if (error === undefined) continue
      if (returnsPromise) return Promise.reject(error)
      throw error
    }
    return (fn as unknown as (...a: unknown[]) => unknown)(...args)
  }
  Object.defineProperty(wrapper, 'name', { value: name })
  return wrapper as unknown as F
}
