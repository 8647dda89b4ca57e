/**
 * How dependency-cruiser reads TypeScript and TSX (TypeScript 7 has no compiler
 * API for it to use): Babel strips the types and acorn reads the imports. Type-only
 * imports and re-exports are kept as bare imports first, so the layer rules see
 * them too (as `tsPreCompilationDeps` would).
 */
function keepTypeOnlyImports({ types: t }) {
  const isTypeOnly = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  return {
    visitor: {
      // on entering the program, before the TypeScript transform removes them
      Program(program) {
        for (const statement of program.get('body')) {
          const node = statement.node;
          const reexport = t.isExportNamedDeclaration(node) || t.isExportAllDeclaration(node);
          if (!(t.isImportDeclaration(node) || reexport) || !node.source || !isTypeOnly(node)) continue;
          statement.replaceWith(t.importDeclaration([], t.stringLiteral(node.source.value)));
        }
      },
    },
  };
}

module.exports = {
  babelrc: false,
  configFile: false,
  plugins: [keepTypeOnlyImports],
  presets: [['@babel/preset-typescript', { isTSX: true, allExtensions: true, onlyRemoveTypeImports: true }]],
};
