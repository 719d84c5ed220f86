// Accessibility checks in the browser tests: axe-core (Deque's rules engine) run in the page,
// WCAG 2.0/2.1/2.2 A and AA rules, failing on serious and critical violations.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** One violation as a test failure message shows it. */
export interface A11yViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** What axe found on a page: every violation, and how many rules passed. */
export interface A11yResult {
  violations: A11yViolation[]
  passes: number
}

/**
 * Runs axe on the page as it is now. The script is evaluated through the DevTools protocol, so the
 * page's CSP (script-src 'self') does not have to allow it.
 */
export async function runAxe(page: Page): Promise<A11yResult> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]; passes: unknown[] }> } }).axe
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })
    return {
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.slice(0, 5).map((n) => String(n.target)) })),
      passes: result.passes.length,
    }
  })
}

/** The serious and critical violations: what the browser tests fail on. */
export const seriousViolations = (result: A11yResult): A11yViolation[] => result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
