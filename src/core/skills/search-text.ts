// Skills search over `search_text`: every label lower-cased, one per line, matched with LIKE.
// Plain LIKE works the same on SQLite and PostgreSQL and is fast enough for the ~14k ESCO skills.

/** Longest query the search accepts, in characters. */
export const MAX_QUERY_LENGTH = 100

/** A query as search matches it: trimmed, whitespace collapsed, lower-cased. */
export const normalizeQuery = (query: string): string => query.trim().replace(/\s+/g, ' ').toLowerCase()

/** The `search_text` of a skill: its distinct labels, normalized, one per line, the preferred label first. */
export function searchTextOf(labels: readonly string[]): string {
  return [...new Set(labels.map(normalizeQuery).filter((l) => l !== ''))].join('\n')
}

/** `text` with LIKE's wildcards (`%`, `_`) and the escape character (`\`) escaped, for `LIKE … ESCAPE '\'`. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** A LIKE pattern matching `query` anywhere, normalized and escaped. */
export const likePattern = (query: string): string => `%${escapeLike(normalizeQuery(query))}%`

/** LIKE patterns matching a label of `search_text` that starts with `query`: the first label, or one after a newline. */
export const prefixPatterns = (query: string): [first: string, later: string] => {
  const q = escapeLike(normalizeQuery(query))
  return [`${q}%`, `%\n${q}%`]
}
