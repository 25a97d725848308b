import { applyChangesToString, ChangeType, type StringChange } from '@nx/devkit';
import {
  createSourceFile,
  forEachChild,
  isArrayLiteralExpression,
  isClassDeclaration,
  isImportDeclaration,
  isPropertyAssignment,
  ScriptTarget,
  type ArrayLiteralExpression,
  type Node,
  type SourceFile,
} from 'typescript';

/** A key of a registry map as the registry writes it: bare when it is an identifier, quoted otherwise. */
export function registryKey(type: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(type) ? type : `'${type}'`;
}

interface MapBody {
  /** Where the map's body starts (just after `{`). */
  readonly start: number;
  /** Where the line holding the map's closing `} as const` starts. */
  readonly closingLine: number;
}

function findMap(source: string, mapName: string): MapBody {
  const opening = new RegExp(`export const ${mapName}\\s*=\\s*\\{`).exec(source);
  if (!opening) throw new Error(`registry.ts has no "export const ${mapName} = {"`);
  const start = opening.index + opening[0].length;
  const closing = /^\}\s*as const/m.exec(source.slice(start));
  if (!closing) throw new Error(`registry.ts: ${mapName} has no closing "} as const" at the start of a line`);
  return { start, closingLine: start + closing.index };
}

/** The message types a registry map already has. */
export function registryTypes(source: string, mapName: string): string[] {
  const { start, closingLine } = findMap(source, mapName);
  const body = source.slice(start, closingLine);
  return [...body.matchAll(/^\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z_$][\w$]*))\s*:/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3],
  );
}

function appendToMap(source: string, mapName: string, entry: string): StringChange[] {
  const { start, closingLine } = findMap(source, mapName);
  const body = source.slice(start, closingLine);
  const lastCode = body.trimEnd();
  const changes: StringChange[] = [];
  if (lastCode.length > 0 && !lastCode.endsWith(','))
    changes.push({ type: ChangeType.Insert, index: start + lastCode.length, text: ',' });
  changes.push({ type: ChangeType.Insert, index: closingLine, text: `  ${entry},\n` });
  return changes;
}

export interface RegistryAddition {
  /** The message type, the key in both maps. */
  readonly type: string;
  /** The import of the two schemas, a whole line without its newline. */
  readonly importLine: string;
  readonly clientSchema: string;
  readonly serverSchema: string;
}

/**
 * Imports the feature's schemas after the registry's last import and appends an entry for its type at the end of
 * `clientMessageSchemas` and of `serverMessageSchemas` (just before each `} as const`).
 */
export function addRegistryEntries(source: string, addition: RegistryAddition): string {
  const taken = [
    ...registryTypes(source, 'clientMessageSchemas'),
    ...registryTypes(source, 'serverMessageSchemas'),
  ];
  if (taken.includes(addition.type))
    throw new Error(`the registry already has a message of type "${addition.type}"`);
  const imports = [...source.matchAll(/^import [^;]+;$/gm)];
  const afterImports =
    imports.length > 0 ? (imports[imports.length - 1].index ?? 0) + imports[imports.length - 1][0].length : 0;
  const key = registryKey(addition.type);
  return applyChangesToString(source, [
    {
      type: ChangeType.Insert,
      index: afterImports,
      text: `${afterImports > 0 ? '\n' : ''}${addition.importLine}${afterImports > 0 ? '' : '\n'}`,
    },
    ...appendToMap(source, 'clientMessageSchemas', `${key}: ${addition.clientSchema}`),
    ...appendToMap(source, 'serverMessageSchemas', `${key}: ${addition.serverSchema}`),
  ]);
}

/** Adds `line` after the last `export ... from './lib/messages/...'` line, or at the end. */
export function addMessagesExport(source: string, line: string): string {
  if (source.includes(line)) return source;
  const exports = [...source.matchAll(/^export .* from '\.\/lib\/messages\/[^']+';$/gm)];
  if (exports.length === 0) return `${source.trimEnd()}\n${line}\n`;
  const last = exports[exports.length - 1];
  const at = (last.index ?? 0) + last[0].length;
  return `${source.slice(0, at)}\n${line}${source.slice(at)}`;
}

/**
 * Appends the type to the expected lists of the registry's type test (`expect(clientMessageTypes).toEqual([...])` and
 * the server one), so it keeps passing. Returns null when the test does not have that shape.
 */
export function addExpectedTypes(source: string, type: string): string | null {
  let found = 0;
  const updated = source.replace(
    /(expect\((?:client|server)MessageTypes\)\.toEqual\(\[)([^\]]*?)(\s*\]\))/g,
    (_all, open: string, list: string, close: string) => {
      found++;
      // One per line with a trailing comma (Prettier's multi-line style): a line of its own, indented like the others.
      const multiLine = /\n([ \t]*)[^\n]*,\s*$/.exec(list);
      if (multiLine) return `${open}${list.replace(/\s*$/, '')}\n${multiLine[1]}'${type}',${close}`;
      return `${open}${list}${list.trim() === '' ? '' : ', '}'${type}'${close}`;
    },
  );
  return found === 2 ? updated : null;
}

function findAppModuleImports(file: SourceFile): ArrayLiteralExpression | undefined {
  let found: ArrayLiteralExpression | undefined;
  const inClass = (node: Node): void => {
    if (found) return;
    if (
      isPropertyAssignment(node) &&
      node.name.getText(file) === 'imports' &&
      isArrayLiteralExpression(node.initializer)
    ) {
      found = node.initializer;
      return;
    }
    forEachChild(node, inClass);
  };
  const visit = (node: Node): void => {
    if (found) return;
    if (isClassDeclaration(node) && node.name?.text === 'AppModule') forEachChild(node, inClass);
    else forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Imports `moduleExpression`'s class from `importPath` and appends it to the `imports` array of `AppModule` (the
 * first one inside the class: the one `forRoot` returns, or the `@Module` decorator's).
 */
export function registerInAppModule(
  source: string,
  moduleClass: string,
  importPath: string,
  moduleExpression = moduleClass,
): string {
  const file = createSourceFile('app.module.ts', source, ScriptTarget.Latest, true);
  const array = findAppModuleImports(file);
  if (!array) throw new Error('app.module.ts: found no "imports: [...]" inside class AppModule');
  const changes: StringChange[] = [];
  const importDeclarations = file.statements.filter(isImportDeclaration);
  const lastImport = importDeclarations[importDeclarations.length - 1];
  const importLine = `import { ${moduleClass} } from '${importPath}';`;
  changes.push(
    lastImport
      ? { type: ChangeType.Insert, index: lastImport.end, text: `\n${importLine}` }
      : { type: ChangeType.Insert, index: 0, text: `${importLine}\n` },
  );

  const elements = array.elements;
  const multiline = source.slice(array.getStart(file), array.end).includes('\n');
  if (elements.length === 0) {
    changes.push({ type: ChangeType.Insert, index: array.getStart(file) + 1, text: moduleExpression });
  } else {
    const last = elements[elements.length - 1];
    if (multiline) {
      const lineStart = source.lastIndexOf('\n', last.getStart(file)) + 1;
      const indent = /^\s*/.exec(source.slice(lineStart))?.[0] ?? '';
      changes.push({ type: ChangeType.Insert, index: last.end, text: `,\n${indent}${moduleExpression}` });
    } else {
      changes.push({ type: ChangeType.Insert, index: last.end, text: `, ${moduleExpression}` });
    }
  }
  return applyChangesToString(source, changes);
}
