/**
 * Every dependency we pin runs on the Node versions we declare: each installed package's own
 * `engines.node` (where it declares one) must admit the lowest version our `engines.node` allows.
 * vega-lite 6.5.0 declared `node >=22` while we declare `>=20.19`: `npm ci` warned EBADENGINE and an
 * install under engine-strict failed (docs/architecture.md "Node version and pinned dependencies").
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')

interface PackageJson {
  version: string
  engines?: { node?: string }
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson

/** Names of the packages whose engines.node does not admit `lowest`. */
function enginesExcluding(lowest: string, packages: Record<string, PackageJson>): string[] {
  return Object.entries(packages)
    .filter(([, pkg]) => pkg.engines?.node !== undefined && !semver.satisfies(lowest, pkg.engines.node))
    .map(([name, pkg]) => `${name}@${pkg.version} engines.node ${pkg.engines?.node}`)
}

describe('engines', () => {
  const ours = readPackage(ROOT)
  const lowest = semver.minVersion(ours.engines?.node ?? '')?.version ?? ''

  it('declares a Node range with a lowest version', () => {
    expect(lowest).toMatch(/^20\./)
  })

  it('flags a package that needs a newer Node (the check can fail)', () => {
    expect(enginesExcluding(lowest, { 'vega-lite': { version: '6.5.0', engines: { node: '>=22' } } })).toEqual([
      'vega-lite@6.5.0 engines.node >=22',
    ])
  })

  it('every package the lock file installs, transitive ones too, admits our lowest Node version', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: unknown }>
    }
    const installed = Object.fromEntries(
      Object.entries(lock.packages)
        .filter(([where]) => where !== '')
        .map(([where, pkg]) => {
          // engines as an array or object without `node` (some old packages) says nothing about Node
          const node = (pkg.engines as { node?: unknown } | undefined)?.node
          return [where, { version: pkg.version ?? '', ...(typeof node === 'string' ? { engines: { node } } : {}) }]
        }),
    )
    expect(Object.keys(installed).length).toBeGreaterThan(100)
    expect(enginesExcluding(lowest, installed)).toEqual([])
  })

  it('every pinned dependency admits our lowest Node version', () => {
    const names = [...Object.keys(ours.dependencies ?? {}), ...Object.keys(ours.devDependencies ?? {})]
    const installed = Object.fromEntries(
      names.map((name) => [name, readPackage(path.join(ROOT, 'node_modules', ...name.split('/')))]),
    )
    expect(enginesExcluding(lowest, installed)).toEqual([])
  })
})
