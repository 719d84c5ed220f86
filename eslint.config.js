// Flat config. Syntax-level rules only (no type-aware linting), so `npm run lint` stays fast;
// `tsc --noEmit` does the type checking.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'scratch/', 'data/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,tsx}'],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortController: 'readonly',
        AbortSignal: 'readonly', structuredClone: 'readonly', performance: 'readonly', queueMicrotask: 'readonly',
      },
    },
    settings: {
      // Sources import `./x.js` that resolves to `./x.ts` (NodeNext); the resolver has to know that.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] },
        }),
      ],
    },
    rules: {
      // Imports point inward (STYLE.md 4.1): core is pure, app depends only on core.
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './src/core', from: './src', except: ['./core'], message: 'src/core is pure: it imports nothing outside src/core.' },
          { target: './src/app', from: './src', except: ['./core', './app'], message: 'src/app depends only on src/core and src/app.' },
        ],
      }],
      'import-x/no-self-import': 'error',
      'import-x/no-cycle': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_',
        caughtErrors: 'none', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
      // `type` imports are enforced by verbatimModuleSyntax in tsc; the lint rule would duplicate it.
      '@typescript-eslint/consistent-type-imports': 'off',
      // Non-null assertions after a checked index are idiomatic with noUncheckedIndexedAccess.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Browser code: the enhancement scripts bundled by web/kit/assets.ts.
    files: ['src/web/client/**/*.ts'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', EventSource: 'readonly', HTMLElement: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // Canonical serialisations (N-Quads, JCS) escape control characters on purpose.
    files: ['src/core/canonical/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
)
