/**
 * The site stylesheet, served at `/assets/emblem.css`. Plain CSS, no build step; system colours
 * follow light/dark mode. Elements are styled directly (forms, tables, buttons), so pages look
 * right with semantic HTML; a few classes cover the rest: .muted .lead .inline .link .actions
 * .field .error .alert(.ok|.warn|.bad) .pill(.ok|.warn|.bad) .subnav .card .cards .grid .stat
 * .progress .badge-image .narrow .wide .danger .secondary .sr-only .secret (a copy-once value)  .pill.neutral, ul.plain.
 */
export const STYLESHEET = `
:root { color-scheme: light dark; --accent: #1d4ed8; --accent-ink: #fff; --muted: #4b5563; --line: color-mix(in srgb, currentColor 18%, transparent);
  --ok: #15803d; --warn: #b45309; --bad: #b91c1c; --surface: color-mix(in srgb, currentColor 4%, Canvas);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
@media (prefers-color-scheme: dark) { :root { --accent: #93c5fd; --accent-ink: #0b1220; --muted: #d1d5db; --ok: #4ade80; --warn: #fbbf24; --bad: #f87171; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1rem 3rem; }
main { max-width: 60rem; }
main.wide, body.wide main { max-width: none; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: Canvas; padding: 0.5rem; z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.5rem; }
header .brand { font-weight: 700; font-size: 1.25rem; color: inherit; text-decoration: none; }
header > span { color: var(--muted); }
header nav { margin-left: auto; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; align-items: baseline; }
.subnav { border-bottom: 1px solid var(--line); margin: 1rem 0; padding-bottom: 0.5rem; }
.subnav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: inherit; }
h1 { font-size: 1.9rem; line-height: 1.2; margin-top: 1.5rem; }
h2 { margin-top: 2rem; }
.lead { font-size: 1.15rem; }
.muted, small { color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; white-space: pre-wrap; overflow-wrap: anywhere; background: var(--surface); padding: 0.75rem; border-radius: 6px; }
form { margin: 1rem 0; }
form.inline { display: inline; margin: 0; }
fieldset { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem 1rem; margin: 1rem 0; }
legend { font-weight: 600; padding: 0 0.25rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
label.inline, .checkbox label, label:has(> input[type=checkbox]), label:has(> input[type=radio]) { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 400; margin: 0.25rem 1rem 0.25rem 0; }
.hint { display: block; color: var(--muted); font-size: 0.9rem; font-weight: 400; }
input, select, textarea { font: inherit; color: inherit; background: Canvas; border: 1px solid color-mix(in srgb, currentColor 35%, transparent); border-radius: 6px; padding: 0.45rem 0.6rem; max-width: 100%; }
input:not([type=checkbox]):not([type=radio]):not([type=color]):not([type=file]), select, textarea { width: 36rem; }
textarea { min-height: 6rem; }
input[type=color] { width: 4rem; height: 2.5rem; padding: 0.15rem; }
ul.plain, ol.plain { list-style: none; padding-left: 0; }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--bad); border-width: 2px; }
.error, .field-error { color: var(--bad); font-weight: 600; display: block; margin-top: 0.25rem; }
button, .button { font: inherit; cursor: pointer; display: inline-block; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); border-radius: 6px; padding: 0.45rem 1rem; text-decoration: none; font-weight: 600; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.danger, .button.danger { background: var(--bad); border-color: var(--bad); color: #fff; }
button.link { background: none; border: none; color: var(--accent); padding: 0; font-weight: 400; text-decoration: underline; }
button:disabled { opacity: 0.55; cursor: not-allowed; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); }
.table-wrap { overflow-x: auto; }
.alert { border-left: 4px solid var(--accent); background: var(--surface); padding: 0.75rem 1rem; border-radius: 4px; margin: 1rem 0; }
.alert.ok { border-color: var(--ok); } .alert.warn { border-color: var(--warn); } .alert.bad { border-color: var(--bad); }
.pill { display: inline-block; white-space: nowrap; border-radius: 999px; padding: 0.05rem 0.6rem; font-size: 0.85rem; font-weight: 600; border: 1px solid currentColor; }
.pill.neutral { color: var(--muted); }
.secret { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--surface); border: 2px dashed var(--warn); padding: 0.6rem 0.8rem; border-radius: 6px; overflow-wrap: anywhere; user-select: all; }
.pill.ok { color: var(--ok); } .pill.warn { color: var(--warn); } .pill.bad { color: var(--bad); }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 1rem; background: var(--surface); }
.cards, .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; margin: 1rem 0; }
/* A badge beside its text: the image column as wide as the image. */
.grid:has(> :first-child > .badge-image) { grid-template-columns: 180px 1fr; align-items: start; }
.stat { font-size: 2rem; font-weight: 700; line-height: 1.1; }
.progress { width: 100%; height: 1rem; }
progress { width: 100%; height: 1rem; }
.badge-image { width: 160px; height: 160px; object-fit: contain; }
.narrow { max-width: 28rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
img { max-width: 100%; }
@media (max-width: 40rem) { .grid:has(> :first-child > .badge-image) { grid-template-columns: 1fr; } input:not([type=checkbox]):not([type=radio]), select, textarea { width: 100%; } dl { grid-template-columns: 1fr; } header nav { margin-left: 0; } }
@media print { header nav, footer, .actions, form, .no-print { display: none !important; } body { max-width: none; } }
`
