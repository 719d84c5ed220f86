// Links to addresses someone else supplied (a learner's evidence link, an OAuth client's website):
// only web URLs become links, so a `javascript:` or `data:` address is shown as text, never followed.

/** `url` when it is an absolute http(s) URL, else undefined (show it as text). */
export function webHref(url: string | null | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined
  try {
    return new URL(url).protocol === 'https:' || new URL(url).protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

/** `url` when it is an absolute https URL, else undefined: for addresses anyone may register (OAuth client metadata). */
export function httpsHref(url: string | null | undefined): string | undefined {
  const href = webHref(url)
  return href && /^https:/i.test(href) ? href : undefined
}
