import { hash } from 'node:crypto'
import { nquadsLine as line } from './n-quads.js'
import { sortStrings } from './sort-strings.js'
import type { Quad } from './to-quads.js'

/** RDFC-1.0 §4.6 Hash First Degree Quads: the node itself as `_:a`, every other blank node as `_:z`. */
export function firstDegreeHash(id: number, quads: readonly Quad[]): string {
  const lines: string[] = new Array(quads.length)
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!
    const g = q.gb < 0 ? undefined : q.gb === id ? '_:a' : '_:z'
    lines[i] = line(q.sb < 0 ? q.s : q.sb === id ? '_:a' : '_:z', q.p, q.ob < 0 ? q.o : q.ob === id ? '_:a' : '_:z', g)
  }
  return hash('sha256', lines.length === 1 ? lines[0]! : sortStrings(lines).join(''), 'hex')
}
