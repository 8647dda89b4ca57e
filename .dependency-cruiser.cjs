/**
 * The layers of DESIGN.md, held by dependency-cruiser (`npm run depcruise`, part
 * of `npm test`). A rule that breaks names the file, the import and the rule.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ runs anywhere: it imports only core/ and zod (no node:*, electron, React or other packages)',
      severity: 'error',
      from: { path: '^core/' },
      to: { pathNot: ['^core/', '^node_modules/zod/'] },
    },
    {
      name: 'engine-without-electron',
      comment: 'electron/engine/ runs in plain Node (CLI, harness, tests): it never imports electron, electron/main or electron/preload',
      severity: 'error',
      from: { path: '^electron/engine/' },
      to: { path: ['^node_modules/electron/', '^electron/(main|preload)/'] },
    },
    {
      name: 'renderer-reaches-only-core-and-ui',
      comment: 'renderer/ runs in the browser: it imports renderer/, core/ (the typed API contract) and UI libraries only, never Node, electron or electron/',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { pathNot: ['^renderer/', '^core/', '^node_modules/(react|react-dom|scheduler|zod|zustand)/'] },
    },
    {
      name: 'features-talk-through-shared-modules',
      comment:
        'a renderer feature does not import another feature; it goes through the shared modules (the project store and its timeline helpers, the error store)',
      severity: 'error',
      from: { path: '^renderer/src/features/([^/]+)/' },
      to: {
        path: '^renderer/src/features/',
        pathNot: ['^renderer/src/features/$1/', '^renderer/src/features/(project/(projectStore|timeline)|errors/errorStore)[.]ts$'],
      },
    },
    {
      name: 'no-cycles',
      comment:
        'no import cycles between files (core/api/queue.ts names the contract schemas it is handed only as types: a type-only loop, no run-time import, so cycles through it are let pass)',
      severity: 'error',
      from: {},
      to: { circular: true, viaNot: '^core/api/queue[.]ts$' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'no import cycles between folders (engine/pack and engine/raster, one renderer feature and another)',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^out/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    // TypeScript and TSX are read through Babel: see .dependency-cruiser.babel.cjs
    babelConfig: { fileName: '.dependency-cruiser.babel.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
