// Latency of other requests while something heavy runs (issue #11 item 7, RELIABILITY.md R29): a few
// concurrent loops, each asking a list of routes in turn, one request at a time, until told to stop;
// every answer's status and time kept, summed up per route as p50/p99/max.

/** One answered (or failed) request. */
export interface Sample {
  route: string
  status: number
  ms: number
}

/** A route's figures. */
export interface RouteLatency {
  route: string
  requests: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Answers other than 2xx (a failed request counts with status 0). */
  errors: number
}

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

const round1 = (ms: number) => Math.round(ms * 10) / 10

/** Per-route figures of `samples`, in the order the routes first appear, with an `all` row last. */
export function latencyByRoute(samples: readonly Sample[]): RouteLatency[] {
  const routes = [...new Set(samples.map((s) => s.route))]
  const of = (route: string, list: readonly Sample[]): RouteLatency => {
    const ms = list.map((s) => s.ms)
    return { route, requests: list.length, p50Ms: round1(quantile(ms, 0.5)), p99Ms: round1(quantile(ms, 0.99)), maxMs: round1(Math.max(...ms)), errors: list.filter((s) => s.status < 200 || s.status > 299).length }
  }
  return [...routes.map((route) => of(route, samples.filter((s) => s.route === route))), of('all', samples)]
}

/** One line per route: `label route: n requests, p50 … ms, p99 … ms, max … ms, errors`. */
export const formatLatency = (label: string, rows: readonly RouteLatency[]): string =>
  rows.map((r) => `${label} ${r.route}: ${r.requests} requests, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms${r.errors ? `, ${r.errors} not 2xx` : ''}`).join('\n')

/**
 * Runs `loops` concurrent loops against `base`, each asking `paths` in turn (starting at a different
 * one), each body read to the end, until `until` resolves; returns every request's sample. A request
 * that fails outright is a sample with status 0 and the time it took to fail.
 */
export async function requestLoops(base: string, paths: readonly string[], until: Promise<unknown>, { loops = 4, pauseMs = 0 }: { loops?: number; pauseMs?: number } = {}): Promise<Sample[]> {
  let done = false
  void until.finally(() => (done = true)).catch(() => {})
  const samples: Sample[] = []
  const loop = async (start: number) => {
    for (let i = start; !done; i++) {
      const route = paths[i % paths.length]!
      const began = performance.now()
      let status: number
      try {
        const res = await fetch(`${base}${route}`, { headers: { accept: route.startsWith('/c/') ? 'text/html' : '*/*' } })
        await res.arrayBuffer()
        status = res.status
      } catch {
        status = 0
      }
      samples.push({ route: routeName(route), status, ms: performance.now() - began })
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
    }
  }
  await Promise.all(Array.from({ length: loops }, (_, n) => loop(n)))
  return samples
}

/** A path's route, credential ids replaced (`/c/{id}`). */
const routeName = (path: string): string => path.replace(/^\/c\/[^/?]+/, '/c/{id}')
