// A small icon set drawn for Emblem: 24×24, stroke-based, currentColor. Decorative by default
// (aria-hidden); pass `label` when the icon alone carries meaning.
import type { Child } from 'hono/jsx'

const PATHS = {
  check: <path d="M5 12.5l4.5 4.5L19 7.5" />,
  x: <path d="M6 6l12 12M18 6L6 18" />,
  alert: (
    <>
      <path d="M12 3.5l9.5 16.5h-19z" />
      <path d="M12 10v4.5M12 17.5v.01" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6M12 7.5v.01" />
    </>
  ),
  shield: (
    <>
      <path d="M12 3l7.5 3v5.5c0 4.6-3.2 8.3-7.5 9.5-4.3-1.2-7.5-4.9-7.5-9.5V6z" />
      <path d="M8.5 12l2.5 2.5 4.5-5" />
    </>
  ),
  shieldOff: (
    <>
      <path d="M12 3l7.5 3v5.5c0 4.6-3.2 8.3-7.5 9.5-4.3-1.2-7.5-4.9-7.5-9.5V6z" />
      <path d="M9.5 9.5l5 5M14.5 9.5l-5 5" />
    </>
  ),
  pause: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 9v6M14 9v6" />
    </>
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  award: (
    <>
      <circle cx="12" cy="9" r="6" />
      <path d="M8.5 13.8L7 21l5-2.5 5 2.5-1.5-7.2" />
    </>
  ),
  dashboard: (
    <>
      <rect x="3.5" y="3.5" width="7" height="9" rx="1.5" />
      <rect x="13.5" y="3.5" width="7" height="5" rx="1.5" />
      <rect x="13.5" y="11.5" width="7" height="9" rx="1.5" />
      <rect x="3.5" y="15.5" width="7" height="5" rx="1.5" />
    </>
  ),
  send: <path d="M4 11.5L20 4l-7.5 16-2-6.5z M10.5 13.5L20 4" />,
  upload: (
    <>
      <path d="M12 15V4M7.5 8.5L12 4l4.5 4.5" />
      <path d="M4 15v3.5A1.5 1.5 0 005.5 20h13a1.5 1.5 0 001.5-1.5V15" />
    </>
  ),
  download: (
    <>
      <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5" />
      <path d="M4 15v3.5A1.5 1.5 0 005.5 20h13a1.5 1.5 0 001.5-1.5V15" />
    </>
  ),
  list: <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />,
  layers: (
    <>
      <path d="M12 3.5l8.5 4.5-8.5 4.5L3.5 8z" />
      <path d="M3.5 12.5L12 17l8.5-4.5M3.5 16.5L12 21l8.5-4.5" />
    </>
  ),
  mail: (
    <>
      <rect x="3.5" y="5.5" width="17" height="13" rx="2" />
      <path d="M4 7l8 6 8-6" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v2.5M12 19v2.5M4.6 4.6l1.8 1.8M17.6 17.6l1.8 1.8M2.5 12H5M19 12h2.5M4.6 19.4l1.8-1.8M17.6 6.4l1.8-1.8" />
    </>
  ),
  users: (
    <>
      <circle cx="9" cy="8.5" r="3.5" />
      <path d="M2.5 20c.6-3.6 3.3-5.5 6.5-5.5s5.9 1.9 6.5 5.5" />
      <path d="M15.5 5.2a3.5 3.5 0 010 6.6M18 14.8c1.9.7 3.2 2.4 3.5 5.2" />
    </>
  ),
  key: (
    <>
      <circle cx="8" cy="14" r="4.5" />
      <path d="M11.3 10.7L20 2M16.5 5.5l2.5 2.5M14 8l2 2" />
    </>
  ),
  code: <path d="M8.5 7L3.5 12l5 5M15.5 7l5 5-5 5M13.5 4.5l-3 15" />,
  log: (
    <>
      <path d="M6 3.5h9l4 4V20a.5.5 0 01-.5.5h-12.5A.5.5 0 015.5 20V4a.5.5 0 01.5-.5z" />
      <path d="M15 3.5V8h4M8.5 12h7M8.5 15.5h7M8.5 19h4" />
    </>
  ),
  tree: (
    <>
      <circle cx="12" cy="4.5" r="2" />
      <circle cx="6" cy="12" r="2" />
      <circle cx="18" cy="12" r="2" />
      <circle cx="3.5" cy="19.5" r="1.5" />
      <circle cx="8.5" cy="19.5" r="1.5" />
      <circle cx="15.5" cy="19.5" r="1.5" />
      <circle cx="20.5" cy="19.5" r="1.5" />
      <path d="M10.5 6L7.5 10.5M13.5 6l3 4.5M5 13.8l-1 4.2M7 13.8l1 4.2M17 13.8l-1 4.2M19 13.8l1 4.2" />
    </>
  ),
  user: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 20.5c.8-4 4-6 8-6s7.2 2 8 6" />
    </>
  ),
  building: (
    <>
      <path d="M4 20.5V6l8-3 8 3v14.5" />
      <path d="M2.5 20.5h19M9 20.5v-4h6v4M8 9h.01M12 9h.01M16 9h.01M8 12.5h.01M12 12.5h.01M16 12.5h.01" />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
  search: (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M16 16l4.5 4.5" />
    </>
  ),
  chevronDown: <path d="M6.5 9.5L12 15l5.5-5.5" />,
  chevronRight: <path d="M9.5 6.5L15 12l-5.5 5.5" />,
  chevronLeft: <path d="M14.5 6.5L9 12l5.5 5.5" />,
  arrowRight: <path d="M4.5 12h15M13.5 6l6 6-6 6" />,
  arrowUp: <path d="M12 19V5M6 11l6-6 6 6" />,
  arrowDown: <path d="M12 5v14M6 13l6 6 6-6" />,
  sort: <path d="M8 9.5l4-4 4 4M8 14.5l4 4 4-4" />,
  copy: (
    <>
      <rect x="8.5" y="8.5" width="12" height="12" rx="2" />
      <path d="M15.5 8.5V5a1.5 1.5 0 00-1.5-1.5H5A1.5 1.5 0 003.5 5v9A1.5 1.5 0 005 15.5h3.5" />
    </>
  ),
  link: (
    <>
      <path d="M10 14a4.5 4.5 0 006.4 0l3-3a4.5 4.5 0 00-6.4-6.4l-1 1" />
      <path d="M14 10a4.5 4.5 0 00-6.4 0l-3 3a4.5 4.5 0 006.4 6.4l1-1" />
    </>
  ),
  external: <path d="M13.5 4.5h6v6M19.5 4.5L11 13M17.5 14v4.5a1.5 1.5 0 01-1.5 1.5H5.5A1.5 1.5 0 014 18.5V8a1.5 1.5 0 011.5-1.5H10" />,
  globe: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9c-2.5-2.5-3.8-5.5-3.8-9S9.5 5.5 12 3z" />
    </>
  ),
  menu: <path d="M4 7h16M4 12h16M4 17h16" />,
  signOut: <path d="M14.5 4.5H18a1.5 1.5 0 011.5 1.5v12a1.5 1.5 0 01-1.5 1.5h-3.5M10 8l-4 4 4 4M6 12h10" />,
  file: (
    <>
      <path d="M6 3.5h8l4.5 4.5V20a.5.5 0 01-.5.5H6a.5.5 0 01-.5-.5V4a.5.5 0 01.5-.5z" />
      <path d="M13.5 3.5V8.5h5" />
    </>
  ),
  image: (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="M20.5 16l-5-5-9 8.5" />
    </>
  ),
  qr: (
    <>
      <rect x="4" y="4" width="6" height="6" rx="1" />
      <rect x="14" y="4" width="6" height="6" rx="1" />
      <rect x="4" y="14" width="6" height="6" rx="1" />
      <path d="M14 14h2v2h-2zM18 14h2M14 18v2M18 18h2v2" />
    </>
  ),
  share: (
    <>
      <circle cx="6" cy="12" r="2.5" />
      <circle cx="18" cy="6" r="2.5" />
      <circle cx="18" cy="18" r="2.5" />
      <path d="M8.3 10.8l7.4-3.6M8.3 13.2l7.4 3.6" />
    </>
  ),
  linkedin: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="3" />
      <path d="M8 10.5V16.5M8 7.5v.01M11.5 16.5v-6M11.5 13c0-1.5 1-2.5 2.3-2.5s2.2.9 2.2 2.5v3.5" />
    </>
  ),
  printer: (
    <>
      <path d="M7 8.5V3.5h10v5M7 16.5H5A1.5 1.5 0 013.5 15v-5A1.5 1.5 0 015 8.5h14a1.5 1.5 0 011.5 1.5v5a1.5 1.5 0 01-1.5 1.5h-2" />
      <rect x="7" y="13.5" width="10" height="7" rx="1" />
    </>
  ),
  sparkle: <path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM18.5 15.5l.7 2 2 .7-2 .7-.7 2-.7-2-2-.7 2-.7z" />,
  eye: (
    <>
      <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  calendar: (
    <>
      <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
    </>
  ),
  book: (
    <>
      <path d="M4 5.5A2 2 0 016 3.5h13.5v14H6a2 2 0 00-2 2z" />
      <path d="M4 19.5a2 2 0 002 2h13.5v-4" />
    </>
  ),
  heartPulse: <path d="M3.5 12h4l2-4 3 8 2-4h6" />,
  trash: <path d="M4.5 7h15M10 11v6M14 11v6M6 7l1 13.5h10L18 7M9 7V4h6v3" />,
  refresh: (
    <>
      <path d="M19.5 8.5A8 8 0 005.3 7M4.5 15.5a8 8 0 0014.2 1.5" />
      <path d="M19.5 3.5v5h-5M4.5 20.5v-5h5" />
    </>
  ),
  inbox: (
    <>
      <path d="M3.5 13.5l2.5-8h12l2.5 8v5a1.5 1.5 0 01-1.5 1.5H5a1.5 1.5 0 01-1.5-1.5z" />
      <path d="M3.5 13.5H9l1 2h4l1-2h5.5" />
    </>
  ),
  edit: <path d="M4 20h4L19 9a2.8 2.8 0 00-4-4L4 16zM13.5 6.5l4 4" />,
  archive: (
    <>
      <rect x="3.5" y="4" width="17" height="4.5" rx="1" />
      <path d="M5 8.5V19a1.5 1.5 0 001.5 1.5h11A1.5 1.5 0 0019 19V8.5M10 12.5h4" />
    </>
  ),
} as const

/** An icon's name. */
export type IconName = keyof typeof PATHS

/** An inline SVG icon. Decorative (hidden from assistive technology) unless `label` names it. */
export function Icon({ name, label, class: className = 'icon' }: { name: IconName; label?: string; class?: string }): Child {
  return (
    <svg
      class={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' })}
    >
      {PATHS[name]}
    </svg>
  )
}

/** Emblem's mark: a rosette badge in the brand gradient. */
export function Logo({ size = 32, id = 'logo' }: { size?: number; id?: string }): Child {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={`${id}-g`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color="#6366f1" />
          <stop offset="1" stop-color="#8b5cf6" />
        </linearGradient>
      </defs>
      <path d="M10.5 19.5L8 30l8-3.5 8 3.5-2.5-10.5z" fill="#4338ca" opacity="0.85" />
      <circle cx="16" cy="13" r="11" fill={`url(#${id}-g)`} />
      <circle cx="16" cy="13" r="7.5" fill="none" stroke="#fff" stroke-opacity="0.55" stroke-width="1.2" />
      <path d="M12.2 13.2l2.6 2.6 5-5.2" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  )
}
