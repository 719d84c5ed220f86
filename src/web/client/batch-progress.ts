// Live batch progress: `<div data-batch-progress="/orgs/…/batches/<id>/events">` follows the batch's
// server-sent events. Each `progress` event moves the bar and the counts; when the state changes
// (queued → running) or the batch finishes (`done`), the page's live part is fetched again and
// swapped in, so the result (pill, rows not issued, error report) appears without a reload.
// Without this script the page shows a Refresh link instead.

interface ProgressEvent {
  state: string
  totalRows: number
  nextRow: number
  issued: number
  failed: number
  text: string
}

/** How often the spoken progress sentence may change (a screen reader reads every change). */
const ANNOUNCE_EVERY_MS = 5000

function update(root: HTMLElement, event: ProgressEvent, speak: boolean): void {
  const bar = root.querySelector<HTMLProgressElement>('[data-batch-bar]')
  if (bar) {
    bar.max = Math.max(event.totalRows, 1)
    bar.value = event.totalRows === 0 ? 1 : event.nextRow
  }
  const format = new Intl.NumberFormat(document.documentElement.lang || undefined)
  for (const cell of root.querySelectorAll<HTMLElement>('[data-batch-count]')) {
    const key = cell.dataset['batchCount'] as 'totalRows' | 'issued' | 'failed'
    if (typeof event[key] === 'number') cell.textContent = format.format(event[key])
  }
  const text = root.querySelector<HTMLElement>('[data-batch-text]')
  if (text && speak) text.textContent = event.text
}

/** Fetches the page again and swaps its live part in. */
async function refresh(root: HTMLElement): Promise<void> {
  const res = await fetch(window.location.pathname, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
  if (!res.ok) return
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html')
  const fresh = doc.querySelector('[data-batch-live]')
  const current = root.querySelector('[data-batch-live]')
  if (fresh && current) current.replaceWith(document.importNode(fresh, true))
}

function follow(root: HTMLElement, url: string): void {
  const source = new EventSource(url)
  let state = root.querySelector('[data-state]')?.getAttribute('data-state') ?? ''
  let spokenAt = 0
  source.addEventListener('progress', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as ProgressEvent
    const now = Date.now()
    const speak = now - spokenAt >= ANNOUNCE_EVERY_MS
    if (speak) spokenAt = now
    update(root, event, speak)
    if (event.state !== state) {
      state = event.state
      void refresh(root)
    }
  })
  source.addEventListener('done', (message) => {
    source.close()
    update(root, JSON.parse((message as MessageEvent<string>).data) as ProgressEvent, true)
    root.removeAttribute('data-batch-progress')
    void refresh(root)
  })
}

/** Starts following every running batch on the page. */
export function enhanceBatchProgress(root: ParentNode): void {
  if (typeof EventSource === 'undefined') return
  for (const element of root.querySelectorAll<HTMLElement>('[data-batch-progress]')) {
    const url = element.dataset['batchProgress']
    if (url) follow(element, url)
  }
}
