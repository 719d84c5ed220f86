// The browser assets: one stylesheet (web/styles) and one enhancement script (web/client), bundled
// and minified by esbuild in memory on first use and served under content-hashed names, so they
// can be cached forever. Fonts the stylesheet imports are emitted beside them.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
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

/** Bundles the stylesheet and the client script. */
async function buildAssets(): Promise<AssetManifest> {
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
  if (!css || !js) throw new Error('The asset build did not produce the stylesheet and the script')
  return { css, js, files }
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
