/**
 * The checked wrappers keep their functions' documentation: a library user's editor shows, for
 * `discoverTemplates` from the package, the doc comment discoverTemplates has in src/templates, not
 * nothing. tsc copies a declaration's own leading comment into the .d.ts, so each `export const X =
 * checked('X', XUnchecked, ...)` carries XUnchecked's comment word for word; this test reads both
 * with the TypeScript compiler API, and emits the declaration file to check the comment reaches it.
 * When a function's comment changes, copy it onto its wrapper in checked-exports.ts or
 * checked-exports-compressor.ts (whose wrappers checked-exports.ts re-exports).
 */
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const FILE = path.resolve(import.meta.dirname, 'checked-exports.ts')
/** The files that declare the wrappers: checked-exports.ts and the one whose wrappers it re-exports. */
const FILES = [FILE, path.resolve(import.meta.dirname, 'checked-exports-compressor.ts')]

const program = ts.createProgram(FILES, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowImportingTsExtensions: true,
  rewriteRelativeImportExtensions: true,
  declaration: true,
  emitDeclarationOnly: true,
  skipLibCheck: true,
  types: ['node'],
})
const checker = program.getTypeChecker()
const source = program.getSourceFile(FILE) as ts.SourceFile
const sources = FILES.map((file) => program.getSourceFile(file) as ts.SourceFile)

/** The text of the doc comment (`/** ... *\/`) right before `node`, or undefined. */
const docOf = (node: ts.Node): string | undefined =>
  ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1)?.getText()

interface Wrapper {
  name: string
  doc: string | undefined
  /** the wrapped function's own doc comment, where it is declared */
  originalDoc: string | undefined
  originalFile: string
}

/** Every `export const X = checked('X', XUnchecked, ...)` of the FILES. */
function wrappers(): Wrapper[] {
  const found: Wrapper[] = []
  for (const statement of sources.flatMap((s) => [...s.statements])) {
    if (!ts.isVariableStatement(statement)) continue
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer
      if (!(exported && call !== undefined && ts.isCallExpression(call))) continue
      const wrapped = call.arguments[1]
      if (!(ts.isIdentifier(call.expression) && call.expression.text === 'checked' && wrapped !== undefined)) continue
      const local = checker.getSymbolAtLocation(wrapped)
      const original = local === undefined ? undefined : checker.getAliasedSymbol(local).declarations?.[0]
      found.push({
        name: declaration.name.getText(),
        doc: docOf(statement),
        originalDoc: original === undefined ? undefined : docOf(original),
        originalFile:
          original === undefined ? '?' : path.relative(import.meta.dirname, original.getSourceFile().fileName),
      })
    }
  }
  return found
}

/** The declaration files tsc emits for the FILES (what dist/checked-exports*.d.ts hold), joined. */
function emittedDeclarations(): string {
  let text = ''
  for (const file of sources) {
    const result = program.emit(file, (name, data) => {
      if (name.endsWith('.d.ts')) text += data
    })
    expect(result.emitSkipped).toBe(false)
  }
  return text
}

describe('checked exports keep their doc comments', () => {
  const all = wrappers()

  it('finds every wrapped export', () => {
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol).map((s) => s.name)
    expect(all.map((w) => w.name).sort()).toEqual([...exports].sort())
    expect(all.length).toBeGreaterThan(40)
  })

  it('each wrapper carries its function’s doc comment word for word', () => {
    const wrong = all
      .filter((w) => w.originalDoc === undefined || w.doc !== w.originalDoc)
      .map((w) => `${w.name} (from ${w.originalFile}) should carry:\n${w.originalDoc ?? '(the original has none)'}`)
    expect(wrong).toEqual([])
  })

  it('the emitted .d.ts keeps each comment on its declaration', () => {
    const dts = emittedDeclarations()
    const missing = all.filter((w) => !dts.includes(`${w.doc}\nexport declare const ${w.name}:`)).map((w) => w.name)
    expect(missing).toEqual([])
  }, 120_000)
})
