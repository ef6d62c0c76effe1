import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// s39-fixl, D11: the public .d.ts files name Buffer, NodeJS.* and node:fs; a consumer whose tsconfig lists `types`
// without "node" (TypeScript 6 defaults `types` to []) got 6 errors inside node_modules/aura-bench
describe('the package typings load @types/node themselves', () => {
  it('dist/index.d.ts keeps the reference to node (TypeScript 5.5+ drops one without preserve="true")', () => {
    const { outputText } = ts.transpileDeclaration(readFileSync('src/index.ts', 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      fileName: 'index.ts',
    })
    expect(
      outputText.split('\n').some((line) => /^\/\/\/ <reference types="node" preserve="true" \/>$/.test(line)),
    ).toBe(true)
  })
})
