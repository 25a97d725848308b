import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import * as transformer from './relative-import-extensions.transformer';

/** Compiles `files` (name -> source) the way the packages' build does, and returns what was emitted (name -> text). */
function emit(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-transformer-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, 'src', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'src', name), text);
    }
    const program = ts.createProgram(
      Object.keys(files).map((name) => join(dir, 'src', name)),
      {
        module: ts.ModuleKind.ES2022,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        target: ts.ScriptTarget.ES2022,
        declaration: true,
        rootDir: join(dir, 'src'),
        outDir: join(dir, 'dist'),
        strict: true,
      },
    );
    const emitted: Record<string, string> = {};
    const result = program.emit(
      undefined,
      (fileName, text) => (emitted[fileName.slice(join(dir, 'dist').length + 1)] = text),
      undefined,
      false,
      {
        before: [transformer.before()],
        afterDeclarations: [transformer.afterDeclarations()],
      },
    );
    expect(
      ts
        .getPreEmitDiagnostics(program)
        .concat(result.diagnostics)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
    return emitted;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the ESM build transformer (relative imports fully specified)', () => {
  const emitted = emit({
    'index.ts':
      "export * from './lib/codes';\nexport { type Shape } from './lib/shapes';\nexport const load = () => import('./lib/codes');\nexport { version } from 'some-package';\n",
    'some-package.d.ts': "declare module 'some-package' { export const version: string; }\n",
    'lib/codes.ts': "import { shapes } from './shapes';\nexport const codes = { ok: 1, shapes };\n",
    'lib/shapes/index.ts':
      'export interface Shape { readonly sides: number }\nexport const shapes: Shape[] = [];\n',
  });

  it('names the file of each relative import in the JavaScript, static and dynamic, a folder by its index.js', () => {
    expect(emitted['index.js']).toContain('export * from "./lib/codes.js";');
    expect(emitted['index.js']).toContain('import("./lib/codes.js")');
    expect(emitted['lib/codes.js']).toContain('from "./shapes/index.js"');
  });

  it('does the same in the declarations, including the import() types TypeScript writes into them', () => {
    expect(emitted['index.d.ts']).toContain('export * from "./lib/codes.js";');
    expect(emitted['index.d.ts']).toContain('export { type Shape } from "./lib/shapes/index.js";');
    expect(emitted['index.d.ts']).toContain('import("./lib/codes.js")');
    expect(emitted['lib/codes.d.ts']).toContain('import("./shapes/index.js").Shape');
  });

  it('leaves package imports alone', () => {
    expect(emitted['index.js']).toContain("export { version } from 'some-package';");
  });

  it('refuses a relative import that names no source file, instead of writing a broken one', () => {
    expect(() => transformer.fullySpecified('./missing', join(__dirname, 'index.ts'))).toThrow(
      '"./missing" names no source file',
    );
    expect(transformer.fullySpecified('./relative-import-extensions.transformer.spec', __filename)).toBe(
      './relative-import-extensions.transformer.spec.js',
    );
    expect(transformer.fullySpecified('./already.js', __filename)).toBeUndefined();
  });
});
