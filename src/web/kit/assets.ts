// The browser assets: one stylesheet (web/styles) and one enhancement script (web/client), bundled
// and minified by esbuild in memory on first use and served under content-hashed names, so they
// can be cached forever. Fonts the stylesheet imports are emitted beside them. A third entry, the
// browser verifier (src/browser/verifier.ts: core's verification for the browser), is built apart
// with Node's crypto, zlib and module swapped for browser versions (src/browser/node/); /verify's
// script imports it on demand, so no other page loads it.
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import type { AssetUrls } from './env.js'

/** A built file: its bytes and media type. */
export interface Asset {
  body: Uint8Array
  type: string
}

/** The hashed URLs of the entry points, and every file by its URL path. */
export interface AssetManifest extends AssetUrls {
  files: ReadonlyMap<string, Asset>
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', woff2: 'font/woff2', woff: 'font/woff', map: 'application/json' }

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** The Node built-ins core uses, answered by the browser versions in src/browser/node/. */
const nodeShims: Plugin = {
  name: 'node-shims',
  setup(build) {
    build.onResolve({ filter: /^node:(crypto|zlib|module|fs|v8)$/ }, (args) => ({ path: source(`../../browser/node/${args.path.slice('node:'.length)}.ts`) }))
  },
}

/** Bundles the browser verifier: core's verification with browser adapters (src/browser). */
const buildVerifier = () =>
  build({
    entryPoints: { verifier: source('../../browser/verifier.ts') },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: '/assets',
    entryNames: '[name].[hash]',
    inject: [source('../../browser/node/buffer.ts')],
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    plugins: [nodeShims],
    logLevel: 'silent',
    legalComments: 'none',
  })

/** Bundles the stylesheet and the client script, and the browser verifier. */
async function buildAssets(): Promise<AssetManifest> {
  // Without the verifier (its browser libraries missing from an install), /verify verifies on the server, as without script.
  const verifierBuild = buildVerifier().catch((err: unknown) => {
    console.warn(`The browser verifier was not built; /verify verifies on the server: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
    return undefined
  })
  const result = await build({
    entryPoints: { emblem: source('../styles/index.css'), app: source('../client/main.ts') },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: '/assets',
    entryNames: '[name].[hash]',
    assetNames: '[name].[hash]',
    publicPath: '/assets',
    loader: { '.woff2': 'file', '.woff': 'file' },
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  })
  const files = new Map<string, Asset>()
  let css = ''
  let js = ''
  for (const file of result.outputFiles) {
    const path = file.path.replace(/^.*?\/assets\//, '/assets/')
    const extension = path.slice(path.lastIndexOf('.') + 1)
    files.set(path, { body: file.contents, type: TYPES[extension] ?? 'application/octet-stream' })
    if (/\/emblem\.[A-Z0-9]+\.css$/.test(path)) css = path
    if (/\/app\.[A-Z0-9]+\.js$/.test(path)) js = path
  }
  let verifier = ''
  for (const file of (await verifierBuild)?.outputFiles ?? []) {
    const path = file.path.replace(/^.*?\/assets\//, '/assets/')
    files.set(path, { body: file.contents, type: TYPES.js! })
    if (/\/verifier\.[A-Z0-9]+\.js$/.test(path)) verifier = path
  }
  if (!css || !js) throw new Error('The asset build did not produce the stylesheet and the script')
  return { css, js, ...(verifier ? { verifier } : {}), files }
}

let manifest: Promise<AssetManifest> | undefined

/** The assets, built once per process. */
export function assetManifest(): Promise<AssetManifest> {
  manifest ??= buildAssets().catch((err: unknown) => {
    manifest = undefined
    throw err
  })
  return manifest
}
