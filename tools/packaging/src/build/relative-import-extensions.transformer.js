// @ts-check
/**
 * A TypeScript transformer for the packages' ESM build (@nx/js:tsc `transformers`): the libraries' source imports
 * its own files without extensions (`./lib/codes`), which Node's ES-module loader and TypeScript's `node16`
 * resolution refuse in a `"type": "module"` package. Each relative specifier gets the file it names: `./lib/codes.js`
 * or `./lib/messages/index.js`, in the emitted JavaScript and in the declarations (`before` and
 * `afterDeclarations`), including `import("./x")` types and dynamic imports. Package specifiers are left alone.
 * CommonJS (a .js file) because the executor `require`s it.
 */
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const ts = require('typescript');

/**
 * @param {string} specifier
 * @param {string} importer absolute path of the source file that holds the import
 * @returns {string | undefined} the specifier to write, or undefined to keep it
 */
function fullySpecified(specifier, importer) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  if (/\.(c|m)?js$|\.json$/.test(specifier)) return undefined;
  const target = resolve(dirname(importer), specifier);
  if (['.ts', '.tsx', '.d.ts'].some((extension) => existsSync(target + extension))) return `${specifier}.js`;
  if (['index.ts', 'index.tsx'].some((index) => existsSync(resolve(target, index))))
    return `${specifier}/index.js`;
  throw new Error(`${importer}: "${specifier}" names no source file`);
}

/** @param {string} importer @returns {ts.TransformerFactory<any>} */
function rewriteSpecifiers(importer) {
  return (context) => {
    const { factory } = context;
    /** @param {ts.Expression | ts.TypeNode | undefined} node */
    const literalOf = (node) => (node && ts.isStringLiteral(node) ? node : undefined);
    /** @param {string} text */
    const rewritten = (text) => {
      const next = fullySpecified(text, importer);
      return next === undefined ? undefined : factory.createStringLiteral(next);
    };
    /** @type {ts.Visitor} */
    const visit = (node) => {
      if (ts.isImportDeclaration(node)) {
        const next = rewritten(/** @type {ts.StringLiteral} */ (node.moduleSpecifier).text);
        if (next)
          return factory.updateImportDeclaration(
            node,
            node.modifiers,
            node.importClause,
            next,
            node.attributes,
          );
      } else if (ts.isExportDeclaration(node)) {
        const literal = literalOf(node.moduleSpecifier);
        const next = literal && rewritten(literal.text);
        if (next)
          return factory.updateExportDeclaration(
            node,
            node.modifiers,
            node.isTypeOnly,
            node.exportClause,
            next,
            node.attributes,
          );
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        const literal = literalOf(/** @type {ts.Expression} */ (node.argument.literal));
        const next = literal && rewritten(literal.text);
        if (next) {
          const argument = factory.updateLiteralTypeNode(node.argument, next);
          return factory.updateImportTypeNode(
            node,
            argument,
            node.attributes,
            node.qualifier,
            ts.visitNodes(node.typeArguments, visit, ts.isTypeNode),
            node.isTypeOf,
          );
        }
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const literal = literalOf(node.arguments[0]);
        const next = literal && rewritten(literal.text);
        if (next)
          return factory.updateCallExpression(node, node.expression, node.typeArguments, [
            next,
            ...node.arguments.slice(1),
          ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitNode(file, visit);
  };
}

/** @returns {ts.TransformerFactory<any>} */
function forEachFile() {
  return (context) => (node) => {
    const file = ts.isSourceFile(node) ? node : ts.getOriginalNode(node).getSourceFile();
    const source = /** @type {ts.SourceFile} */ (ts.getOriginalNode(file));
    return rewriteSpecifiers(source.fileName)(context)(node);
  };
}

module.exports = {
  fullySpecified,
  before: forEachFile,
  afterDeclarations: forEachFile,
};
