// Flat config. Syntax-level rules only (no type-aware linting), so `npm run lint` stays fast;
// `tsc --noEmit` does the type checking.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** Adapters: each implements ports declared in src/app; only the composition roots wire them together. */
const ADAPTERS = ['store', 'keys', 'jobs', 'mail', 'media', 'fetch', 'files', 'metrics', 'limits']

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
      // Imports point inward (STYLE.md 4.1, docs/ARCHITECTURE.md): core is pure, app depends only on core, edges call
      // app's use cases, adapters implement app's ports; only main.ts, platform.ts and the CLI entry wire adapters.
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: './src/core', from: './src', except: ['./core'], message: 'src/core is pure: it imports nothing outside src/core.' },
          { target: './src/app', from: './src', except: ['./core', './app'], message: 'src/app depends only on src/core and src/app.' },
          // Edges call use cases: http/ sees app/, core/ and itself; it never imports web/ or an adapter.
          { target: './src/http', from: './src', except: ['./core', './app', './http'], message: 'src/http imports only src/app, src/core and src/http (wire adapters in main.ts).' },
          // web/ may use the http kernel (context, auth, request parsing, error responses), never http/routes.
          {
            target: './src/web',
            from: './src',
            except: ['./core', './app', './web', './http/context.ts', './http/auth', './http/request.ts', './http/error-response.ts', './http/security-headers.ts'],
            message: 'src/web imports only src/app, src/core, src/web and the http kernel (context, auth, request, error-response, security-headers).',
          },
          // The CLI's commands call use cases; only its entry (main.ts, wiring.ts) wires adapters.
          {
            target: ['./src/cli/!(main|wiring).ts', './src/cli/*/**'],
            from: './src',
            except: ['./core', './app', './cli'],
            message: 'src/cli commands import only src/app, src/core and src/cli (the entry, cli/main.ts or cli/wiring.ts, wires adapters).',
          },
          // Adapters implement ports: they import app/, core/ and themselves, never each other.
          ...ADAPTERS.map((name) => ({
            target: `./src/${name}`,
            from: './src',
            except: ['./core', './app', `./${name}`],
            message: `src/${name} is an adapter: it imports only src/app, src/core and itself (adapters never import each other; wire them in main.ts).`,
          })),
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
      // Hono's `c.var` copies every context variable into a new object on each access (Object.fromEntries):
      // on the hot routes that was ~4% of a request and its garbage. `c.get('name')` reads one.
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='c'][property.name='var']",
        message: "Use c.get('name'): Hono's c.var copies every context variable per access.",
      }],
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
