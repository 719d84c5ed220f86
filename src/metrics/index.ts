// The metrics adapter: Prometheus metrics of one process (prom-client), in a registry of its own
// (several apps in one test process never share counters). main.ts wires it: the HTTP middleware
// reports requests, the jobs their runs, the platform what it issued; GET /metrics renders it.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/** What a process counts; every method is cheap and never throws. */
export interface Metrics {
  /** One answered HTTP request: its route pattern (never the raw path), method, status and duration. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void
  /** One run of a background job (`checkpointer`, `batches`, `mail`, …). */
  observeJob(job: string, run: { ok: boolean; seconds: number }): void
  /** Credentials issued and logged by this process (one log leaf each). */
  credentialsIssued(count: number): void
  /** A committed chunk of a CSV batch: rows issued, rows that failed. */
  batchRows(outcome: { issued: number; failed: number }): void
  /** The text exposition format, and its content type. */
  render(): Promise<{ contentType: string; body: string }>
}

/** What the metrics read from elsewhere when scraped. */
export interface MetricsSources {
  /** This process's role (`web`, `worker`, `all`), a label of `emblem_process_info`. */
  role: string
  version: string
  /** The size of the latest signed checkpoint. */
  checkpointSize?: () => Promise<number>
}

/** Latency buckets in seconds: most requests take milliseconds, a batch upload or a PDF may take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A fresh registry with Node's default process metrics (CPU, memory, event loop lag, GC) and Emblem's own, prefixed `emblem_`. */
export function createMetrics({ role, version, checkpointSize }: MetricsSources): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  new Gauge({ name: 'emblem_process_info', help: 'This process: its role and version (always 1)', labelNames: ['role', 'version'], registers }).set({ role, version }, 1)
  const requests = new Counter({ name: 'emblem_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status', labelNames: ['route', 'method', 'status'], registers })
  const latency = new Histogram({
    name: 'emblem_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['route', 'method'],
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const jobRuns = new Counter({ name: 'emblem_job_runs_total', help: 'Runs of background jobs, by job and outcome (ok, failed)', labelNames: ['job', 'outcome'], registers })
  const jobSeconds = new Histogram({ name: 'emblem_job_run_duration_seconds', help: 'Duration of background job runs', labelNames: ['job'], buckets: [0.01, 0.1, 1, 10, 60, 600], registers })
  const issued = new Counter({ name: 'emblem_credentials_issued_total', help: 'Credentials issued by this process', registers })
  const leaves = new Counter({ name: 'emblem_log_leaves_appended_total', help: 'Transparency log leaves appended by this process', registers })
  const batchRows = new Counter({ name: 'emblem_batch_rows_total', help: 'CSV batch rows processed by this process, by outcome (issued, failed)', labelNames: ['outcome'], registers })
  batchRows.inc({ outcome: 'issued' }, 0)
  batchRows.inc({ outcome: 'failed' }, 0)
  if (checkpointSize) {
    new Gauge({
      name: 'emblem_log_checkpoint_size',
      help: 'Tree size of the latest signed checkpoint (read from the database when scraped)',
      registers,
      async collect() {
        await checkpointSize().then((size) => this.set(size), () => {})
      },
    })
  }
  return {
    observeRequest({ method, route, status, seconds }) {
      requests.inc({ route, method, status: String(status) })
      latency.observe({ route, method }, seconds)
    },
    observeJob(job, { ok, seconds }) {
      jobRuns.inc({ job, outcome: ok ? 'ok' : 'failed' })
      jobSeconds.observe({ job }, seconds)
    },
    credentialsIssued(count) {
      issued.inc(count)
      leaves.inc(count)
    },
    batchRows({ issued: ok, failed }) {
      if (ok > 0) batchRows.inc({ outcome: 'issued' }, ok)
      if (failed > 0) batchRows.inc({ outcome: 'failed' }, failed)
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}
