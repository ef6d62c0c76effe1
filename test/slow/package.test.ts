// The package as a user outside a checkout gets it: `npm pack`, then `npx ./aura-bench-<v>.tgz run ...`
// in an empty folder (worker threads on, so the compiled worker is what runs), and the library
// imported by name from plain Node. Installs the tarball's dependencies from the registry: minutes.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO, tempFolder } from '../gate-support.ts'

const NPM_QUIET = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']

function sh(command: string, args: readonly string[], cwd: string): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    })
    return { code: 0, stdout, stderr: '' }
  } catch (error) {
    const e = error as { status: number | null; stdout?: string; stderr?: string }
    return { code: e.status ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

describe('the packed package', () => {
  it('the build leaves the bin executable, so `npx aura-bench` in a checkout runs it (CI once failed with "Permission denied")', () => {
    const bin = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> })
      .bin['aura-bench']
    expect(bin).toBe('dist/bin/main.js')
    expect(statSync(path.join(REPO, bin as string)).mode & 0o111).toBe(0o111)
  })

  const packDir = tempFolder('pack')
  const work = tempFolder('npx')

  it('packs dist, configs and docs, and no sources, tests or benches', () => {
    const packed = sh('npm', ['pack', '--pack-destination', packDir, '--loglevel=error'], REPO)
    expect(packed.code, packed.stderr).toBe(0)
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'))
    expect(tarball).toBeDefined()
    const files = sh('tar', ['tzf', path.join(packDir, tarball as string)], packDir).stdout.split('\n')
    expect(files).toContain('package/dist/cli/main.js')
    expect(files).toContain('package/dist/bin/main.js')
    expect(files).toContain('package/dist/bin/size-worker.js')
    expect(files).toContain('package/dist/bin/chart-worker-thread.js')
    expect(files).toContain('package/dist/index.d.ts')
    expect(files).toContain('package/dist/runner/size-worker.js')
    expect(files).toContain('package/configs/emergency.yaml')
    expect(files.filter((f) => /^package\/(src|test|bench)\//.test(f) || f.endsWith('.test.js'))).toEqual([])
    execFileSync('cp', [path.join(packDir, tarball as string), path.join(work, 'aura-bench.tgz')])
  })

  it('runs with npx from the tarball in an empty folder (exit 0, report written, worker threads compiled)', () => {
    writeFileSync(
      path.join(work, 'messages.txt'),
      `${Array.from({ length: 600 }, (_, i) => `GET /api/v1/users/${i} 200 ${i % 50}ms`).join('\n')}\n`,
    )
    writeFileSync(path.join(work, 'deflate.yaml'), 'name: deflate\nfallback: deflate\n')
    writeFileSync(
      path.join(work, 'suite.yaml'),
      'name: smoke\nworkers: 2\ncorpora: [{ path: messages.txt }]\nconfigs: [deflate.yaml]\ntargets: [{ metric: roundTripMismatches, pass: 0 }]\nlatency: { enabled: false }\n',
    )
    const run = sh('npx', ['--yes', ...NPM_QUIET, './aura-bench.tgz', 'run', 'suite.yaml', '--out', 'out'], work)
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(run.stdout).toContain('gate: PASS')
    expect(JSON.parse(readFileSync(path.join(work, 'out/results.json'), 'utf8')).runs[0].metrics.messages).toBe(600)
    const version = sh('npx', ['--yes', ...NPM_QUIET, './aura-bench.tgz', '--version'], work)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version)
  })

  it('is importable by name from plain Node, with types, and compresses byte-exact', () => {
    // npx installed the tarball under its cache; its node_modules is where `aura-bench` resolves
    const bin = sh(
      'npx',
      ['--yes', ...NPM_QUIET, '--package', './aura-bench.tgz', '-c', 'command -v aura-bench'],
      work,
    ).stdout.trim()
    const root = path.dirname(path.dirname(path.dirname(bin)))
    expect(existsSync(path.join(root, 'node_modules/aura-bench/dist/index.d.ts'))).toBe(true)
    const script = [
      "const { loadCompressor } = await import('aura-bench')",
      "const c = await loadCompressor('node_modules/aura-bench/configs/emergency.yaml')",
      "const r = await c.compress('Processing request 42 for user alice')",
      'const back = new TextDecoder().decode(await c.decompress(r.bytes))',
      'console.log(JSON.stringify({ method: r.method, back }))',
    ].join('\n')
    const imported = sh(process.execPath, ['--input-type=module', '-e', script], root)
    expect(imported.code, imported.stderr).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ back: 'Processing request 42 for user alice' })
  })
})
