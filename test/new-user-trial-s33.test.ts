/**
 * Defects the seventh new-user trial found (s33, 2026-12-06, a user installing from `npm pack`; the
 * write-up is docs/rounds/s33-fixt.md), each the way the user met it: the CLI and the library entry.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCliBundle, REPO } from './cli-bundle.ts'
import { trialFolder } from './trial-folder.ts'

const { root, write } = trialFolder('aura-trial33-')

write(
  'app.log',
  `${Array.from({ length: 60 }, (_, i) => `2026-12-06T07:00:${i % 60}.123Z INFO [orders-api] order ${(i * 7) % 1000} shipped to 10.0.${i % 255}.${(i % 200) + 1}`).join('\n')}\n`,
)
write('b.yaml', 'name: b\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')
write('s.yaml', 'name: s\ncorpora: [app.log]\nconfigs: [b.yaml]\nlatency: { enabled: false }\n')

describe('zstd-napi without its native binding (npm install --ignore-scripts; s33 D13)', () => {
  const preload = path.join(REPO, 'test/fixtures/no-zstd-napi-binding.cjs')
  const node = (args: string[]) =>
    spawnSync(process.execPath, ['--require', preload, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 })

  it('the package entry imports, and a Brotli config compresses and decodes', () => {
    const entry = path.join(REPO, '.tmp', `s33-entry-${process.pid}.mjs`)
    const built = spawnSync(
      path.join(REPO, 'node_modules/.bin/esbuild'),
      [
        path.join(REPO, 'src/index.ts'),
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--packages=external',
        `--outfile=${entry}`,
        '--log-level=error',
      ],
      { encoding: 'utf8' },
    )
    expect(built.stderr).toBe('')
    const script = `const { loadCompressor } = await import(${JSON.stringify(entry)})
const c = await loadCompressor('b.yaml')
console.log(Buffer.from(c.decompressSync(c.compressSync('hello hello hello').bytes)).toString())`
    const result = node(['--input-type=module', '-e', script])
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('hello hello hello\n')
  })

  it('validate and run of a suite without zstd-napi work; a config that needs it is exit 2 at its key with the fix', () => {
    const bundle = buildCliBundle('s33-nobinding')
    const validate = node([bundle, 'validate', 's.yaml'])
    expect(validate.stderr).toBe('')
    expect(validate.status).toBe(0)
    const run = node([bundle, 'run', 's.yaml', '--out', 'out-nobind', '-q'])
    expect(run.stderr).not.toMatch(/internal error/)
    expect(run.status).toBe(0)
    write('zd.yaml', 'name: zd\nfallback: zstd_dict\nzstd_dict_training_corpus: app.log\n')
    write('zd-suite.yaml', 'name: zds\ncorpora: [app.log]\nconfigs: [zd.yaml]\nlatency: { enabled: false }\n')
    for (const command of ['validate', 'run']) {
      const refused = node([bundle, command, 'zd-suite.yaml', ...(command === 'run' ? ['--out', 'out-zd', '-q'] : [])])
      expect(refused.status).toBe(2)
      expect(refused.stderr).toMatch(
        /error E_DEPENDENCY in .*zd\.yaml:2: fallback: fallback: zstd_dict needs zstd-napi/,
      )
      expect(refused.stderr).toContain('npm rebuild zstd-napi')
      expect(refused.stderr).not.toMatch(/internal error/)
    }
  })
})
