// /verify with script on: the forms verify in this browser. The verifier (core's verification,
// bundled for the browser) is imported on first use from the URL the page names; documents are
// fetched by the browser; the result is drawn from the page's templates, with data-checked-in="browser".
// What the browser cannot check the same way (a PDF, an Open Badges 2.0 badge, …) is sent to the
// server as before, with the reason in a hidden field so the result page says why.

type Outcome = 'passed' | 'failed' | 'skipped'
interface Check {
  id: string
  outcome: Outcome
  code?: string
  message: string
}
interface Display {
  name: string
  description?: string
  imageUrl?: string
  issuer: { id?: string; name: string; url?: string; imageUrl?: string }
  recipientName?: string
  issuedAt?: string
  expiresAt?: string
  skills: Array<{ label: string; code?: string; framework?: string; uri?: string }>
}
type BrowserOutcome =
  | { checkedIn: 'browser'; verdict: string; report: { verified: boolean; checks: Check[] }; display: Display; format: string; checkedAt: Date; hosted?: { id: string; report: boolean } }
  | { checkedIn: 'server'; reason: string; detail?: string }
type BrowserInput = { text: string } | { bytes: Uint8Array } | { url: string }
interface VerifierModule {
  verifyInBrowser(input: BrowserInput, env: { publicUrl: string }): Promise<BrowserOutcome>
}

let loaded: Promise<VerifierModule> | undefined

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

const httpLink = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined)

export function enhanceBrowserVerify(root: ParentNode): void {
  const config = root.querySelector<HTMLElement>('[data-browser-verifier]')
  const page = root.querySelector<HTMLElement>('.verify-page')
  if (!config || !page) return
  const src = config.dataset.src ?? ''
  const publicUrl = config.dataset.publicUrl ?? window.location.origin
  const lang = config.dataset.lang ?? document.documentElement.lang
  const strings = JSON.parse(config.dataset.strings ?? '{}') as Record<string, string>
  const say = (key: string, values: Record<string, string> = {}) => (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')
  const template = (selector: string) => config.querySelector<HTMLTemplateElement>(selector)?.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined
  const date = (iso: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso))
  const dateTime = (at: Date) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(at)

  const busy = el('p', 'verify-busy muted')
  busy.setAttribute('role', 'status')
  busy.setAttribute('aria-live', 'polite')
  page.querySelector('#verify-forms')?.before(busy)

  function card(display: Display, verdict: string, format: string, checkedAt: Date): HTMLElement {
    const article = el('article', 'card displayed-credential')
    article.setAttribute('aria-labelledby', 'displayed-credential-name')
    article.dataset.format = format
    const art = el('div', 'displayed-art')
    const image = display.imageUrl && (/^data:image\/(png|jpeg|gif|webp);/i.test(display.imageUrl) || display.imageUrl.startsWith(`${new URL(publicUrl).origin}/`)) ? display.imageUrl : undefined
    if (image) {
      const img = el('img', 'badge-img')
      img.src = image
      img.alt = display.name
      img.width = 160
      img.height = 160
      art.append(img)
    } else {
      const icon = template('[data-icon-template=award]')
      if (icon) art.append(icon)
    }
    const body = el('div', 'displayed-body')
    body.append(el('p', 'eyebrow', say(`format.${format}`)))
    const name = el('h3', 'displayed-name', display.name)
    name.id = 'displayed-credential-name'
    body.append(name)
    if (display.recipientName) {
      const [before, after = ''] = say('awardedTo', { name: '\u0000' }).split('\u0000')
      const p = el('p', 'displayed-recipient', before)
      p.append(el('strong', undefined, display.recipientName), after)
      body.append(p)
    }
    const issuer = el('div', 'displayed-issuer')
    const initial = el('span', 'org-initial', Array.from(display.issuer.name)[0]?.toUpperCase() ?? '')
    initial.setAttribute('aria-hidden', 'true')
    const who = el('span')
    who.append(el('small', undefined, say('issuedBy')))
    const issuerUrl = httpLink(display.issuer.url) ?? httpLink(display.issuer.id)
    if (issuerUrl) {
      const a = el('a')
      a.href = issuerUrl
      a.rel = 'noopener nofollow'
      a.append(el('strong', undefined, display.issuer.name))
      who.append(a)
    } else who.append(el('strong', undefined, display.issuer.name))
    issuer.append(initial, who)
    body.append(issuer)
    const facts = el('dl', 'fact-tiles displayed-dates')
    const fact = (term: string, value: Node | string) => {
      const div = el('div')
      div.append(el('dt', undefined, term))
      const dd = el('dd')
      dd.append(value)
      div.append(dd)
      facts.append(div)
    }
    fact(say('status'), template(`[data-pill-template="${verdict}"]`) ?? verdict)
    if (display.issuedAt) fact(say('issuedOn'), date(display.issuedAt))
    const expired = display.expiresAt !== undefined && Date.parse(display.expiresAt) < checkedAt.getTime()
    fact(expired ? say('expiredOn') : say('expires'), display.expiresAt ? date(display.expiresAt) : say('noExpiry'))
    body.append(facts)
    if (display.description) body.append(el('p', 'displayed-description', display.description))
    if (display.skills.length > 0) {
      const skills = el('div', 'displayed-skills')
      skills.append(el('h3', 'displayed-subhead', say('skills')))
      const list = el('ul', 'skill-list')
      for (const skill of display.skills.slice(0, 30)) {
        const li = el('li')
        const uri = httpLink(skill.uri)
        if (uri) {
          const a = el('a', undefined, skill.label)
          a.href = uri
          a.rel = 'noopener nofollow'
          li.append(a)
        } else li.append(el('span', undefined, skill.label))
        if (skill.framework) li.append(el('small', undefined, `${skill.framework}${skill.code ? ` · ${skill.code}` : ''}`))
        list.append(li)
      }
      skills.append(list)
      body.append(skills)
    }
    article.append(art, body)
    return article
  }

  /**
   * A credential this instance issued: tell it the browser verified it, so its issuer counts the
   * verification (channel "browser"). Only whether it verified is sent; no cookie; failures are ignored.
   */
  function report(outcome: Extract<BrowserOutcome, { checkedIn: 'browser' }>): void {
    if (!outcome.hosted?.report) return
    const url = `${publicUrl.replace(/\/+$/, '')}/api/v1/credentials/${encodeURIComponent(outcome.hosted.id)}/verifications`
    void fetch(url, { method: 'POST', credentials: 'omit', keepalive: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verified: outcome.report.verified }) }).catch(() => undefined)
  }

  function show(outcome: Extract<BrowserOutcome, { checkedIn: 'browser' }>): void {
    page!.querySelector('.verify-result')?.remove()
    page!.querySelector('.error-summary')?.remove()
    const section = el('section', 'verify-result stack-lg')
    section.setAttribute('aria-labelledby', 'verify-result-title')
    const title = el('h2', 'sr-only', say('resultTitle'))
    title.id = 'verify-result-title'
    title.tabIndex = -1
    section.append(title)
    const banner = template(`[data-verdict-template="${outcome.verdict}"]`)
    if (banner) {
      const meta = banner.querySelector('.verdict-meta')
      const when = say('checkedAt', { when: dateTime(outcome.checkedAt) })
      if (meta?.firstChild) meta.firstChild.textContent = `${when} · `
      section.append(banner)
    }
    const where = template('[data-where-template]')
    if (where) section.append(where)
    section.append(card(outcome.display, outcome.verdict, outcome.format, outcome.checkedAt))
    const checks = el('section', 'card')
    checks.id = 'checks'
    checks.setAttribute('aria-labelledby', 'checks-title')
    const head = el('div', 'card-header')
    const h = el('h3', undefined, say('checksTitle'))
    h.id = 'checks-title'
    head.append(h, el('span', 'muted', say('checkedAt', { when: dateTime(outcome.checkedAt) })))
    checks.append(head)
    const list = el('ol', 'check-list')
    for (const check of outcome.report.checks) {
      const row = template(`[data-check-template="${check.outcome}"]`)
      if (!row) continue
      row.dataset.check = check.id
      const slotTitle = row.querySelector('[data-slot=title]')
      if (slotTitle) slotTitle.textContent = say(`check.${check.id}`)
      const detail = row.querySelector('[data-slot=detail]')
      if (detail) {
        if (check.code) detail.append(el('code', undefined, check.code), ' ')
        detail.append(check.message)
      }
      list.append(row)
    }
    checks.append(list)
    section.append(checks)
    const again = el('p', 'verify-again')
    const link = el('a')
    link.href = '/verify#verify-forms'
    const icon = template('[data-icon-template=refresh]')
    if (icon) link.append(icon)
    link.append(say('again'))
    again.append(link)
    section.append(again)
    const header = page!.querySelector('.page-header')
    if (header) header.after(section)
    else page!.prepend(section)
    document.title = `${outcome.display.name} · ${say('resultTitle')} · Emblem`
    title.focus()
  }

  async function inputOf(form: HTMLFormElement): Promise<BrowserInput | undefined> {
    const file = form.querySelector<HTMLInputElement>('input[type=file]')?.files?.[0]
    if (file) return { bytes: new Uint8Array(await file.arrayBuffer()) }
    const url = form.querySelector<HTMLInputElement>('input[name=url]')
    if (url) return { url: url.value }
    const text = form.querySelector<HTMLTextAreaElement>('textarea[name=credential]')
    if (text) return { text: text.value }
    return undefined
  }

  const toServer = (form: HTMLFormElement, reason: string) => {
    // The URL form (GET) has no such field, so that its links stay clean without script: added here.
    let field = form.querySelector<HTMLInputElement>('[data-fallback-field]')
    if (!field) {
      field = el('input')
      field.type = 'hidden'
      field.name = 'fallback'
      field.dataset.fallbackField = ''
      form.append(field)
    }
    field.value = reason
    form.dataset.toServer = 'true'
    form.submit()
  }

  for (const form of page.querySelectorAll<HTMLFormElement>('#verify-forms form')) {
    form.addEventListener('submit', async (event) => {
      if (form.dataset.toServer === 'true' || !form.checkValidity()) return
      event.preventDefault()
      const input = await inputOf(form)
      if (!input) return toServer(form, 'failed')
      const button = form.querySelector<HTMLButtonElement>('button[type=submit]')
      button?.setAttribute('disabled', '')
      busy.textContent = say('working')
      page.setAttribute('aria-busy', 'true')
      let outcome: BrowserOutcome
      try {
        loaded ??= import(src) as Promise<VerifierModule>
        outcome = await (await loaded).verifyInBrowser(input, { publicUrl })
      } catch (err) {
        loaded = undefined
        outcome = { checkedIn: 'server', reason: 'failed', detail: String(err) }
      }
      button?.removeAttribute('disabled')
      page.removeAttribute('aria-busy')
      busy.textContent = ''
      if (outcome.checkedIn === 'server') return toServer(form, outcome.reason)
      show(outcome)
      report(outcome)
    })
  }
}
