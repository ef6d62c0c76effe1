#!/usr/bin/env node
// Entry for the package bin: runs the TypeScript CLI through tsx so a checkout needs no build step.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const tsxCli = require.resolve('tsx/cli')
const main = path.join(here, '..', 'src', 'cli', 'main.ts')
const result = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 3)
