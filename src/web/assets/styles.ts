/** The site stylesheet, served at `/assets/emblem.css`. Plain CSS, no build step; system colours follow light/dark mode. */
export const STYLESHEET = `
:root { color-scheme: light dark; --accent: #1d4ed8; --muted: #4b5563; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
@media (prefers-color-scheme: dark) { :root { --accent: #93c5fd; --muted: #d1d5db; } }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: Canvas; padding: 0.5rem; }
header { display: flex; align-items: baseline; gap: 0.75rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
header .brand { font-weight: 700; font-size: 1.25rem; color: inherit; text-decoration: none; }
h1 { font-size: 1.9rem; line-height: 1.2; margin-top: 2rem; }
.lead { font-size: 1.15rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.95em; }
pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; white-space: pre-wrap; overflow-wrap: anywhere; }
code { overflow-wrap: anywhere; }
`
