import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * Nothing heavy loads before it is needed (in the spirit of VS Code's rule against static Node
 * module imports). These libraries take from tens of milliseconds to seconds to load: only the
 * modules of the "heavy zone" below, which use them, may import them statically. Everything
 * else reaches the zone with `import()` when a command, an importer or the analysis needs it,
 * so `workbench --help`, a search or the first window never pays for a parser it does not use.
 */
const HEAVY_LIBRARIES = [
  'compromise', 'fr-compromise', 'es-compromise', 'de-compromise', 'chrono-node', 'linkedom', 'mailparser', 'mammoth',
  'jszip', 'yaml', 'yauzl', '@mozilla/readability', 'pdfjs-dist', 'pdfjs-dist/*', 'tesseract.js', '@citation-js/*',
  '@xmldom/xmldom', 'eld', 'chardet', 'stopword', '@orama/stemmers', 'cli-progress',
];
/** The modules that use them: importers, the analysis, exchange formats. */
const HEAVY_ZONE = [
  'electron/core/import/formats/**',
  'electron/core/import/{parse-file,run-import,decode,language,import-worker,parse-worker}.ts',
  'electron/core/analysis/{entities,entity-groups,entity-text,dates,run-analysis,analysis-worker}.ts',
  'electron/core/interchange/**',
];
/** The zone's modules as import paths, for the rule that keeps everyone else's imports of them dynamic. */
const HEAVY_MODULES = [
  '**/import/formats/*', '**/import/parse-file', '**/import/run-import', '**/import/decode', '**/import/language',
  '**/analysis/entities', '**/analysis/entity-groups', '**/analysis/entity-text', '**/analysis/dates', '**/analysis/run-analysis',
  '**/interchange/*',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'tests/.artifacts/**', 'tests/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', 'node:*'], message: 'The renderer reaches the engine through the API client only.' }] },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          // better-sqlite3 is built with SQLITE_DQS=0: a double-quoted literal is an identifier.
          selector: "CallExpression[callee.property.name=/^(prepare|exec)$/] > Literal[value=/= \"/]",
          message: 'Use single-quoted SQL string literals and bound parameters.',
        },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'fs', 'path', 'os', 'better-sqlite3'], message: 'electron/shared runs anywhere: no Node, DOM or electron imports.' }] },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core runs in plain Node.' }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(prepare|exec)$/] > Literal[value=/= \"/]",
          message: 'Use single-quoted SQL string literals and bound parameters.',
        },
        {
          // The compiled CLI's chunks and electron-vite's each declare `require` for the CommonJS
          // packages they hold (electron/build/build-cli.mjs): a module's own would clash at load.
          selector: "Program > VariableDeclaration > VariableDeclarator[id.name='require']",
          message: 'Name it otherwise (`load`): the bundles declare a top-level `require` of their own.',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: HEAVY_ZONE,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: HEAVY_LIBRARIES,
              allowTypeImports: true,
              message: 'A heavy library: import it in a module of the heavy zone (eslint.config.js), or load it with import() where it is used.',
            },
            {
              group: HEAVY_MODULES,
              allowTypeImports: true,
              message: 'This module loads heavy libraries: reach it with `await import()` where it is needed, so that nothing else pays for it.',
            },
          ],
        },
      ],
    },
  },
);
