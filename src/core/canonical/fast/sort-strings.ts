/**
 * Sorts strings in place in code-unit order, the order `Array.prototype.sort()` gives strings, and
 * returns the array. The arrays canonicalization sorts are short (an object's keys, a blank node's
 * lines, a document's subjects): an insertion sort comparing with `<` takes about half the time of
 * the built-in sort's generic comparison there; a long array goes to the built-in sort.
 */
export function sortStrings(items: string[]): string[] {
  const n = items.length
  if (n > SHORT) return items.sort()
  for (let k = 1; k < n; k++) {
    const item = items[k]!
    let j = k - 1
    while (j >= 0 && items[j]! > item) {
      items[j + 1] = items[j]!
      j--
    }
    items[j + 1] = item
  }
  return items
}

/** Longer arrays than this use the built-in sort (insertion sort is quadratic). */
const SHORT = 32

/**
 * The same string, stored flat. V8 keeps a concatenation (a template literal's result) as a tree of
 * its parts until something reads it whole, and reads the tree again each time; converting it to a
 * number is one of the reads that flattens it in place. For terms and lines that are written into
 * many documents (a cached subtree's lines, a predicate), joining a flat string is a copy.
 */
export function flat(text: string): string {
  Number(text)
  return text
}
