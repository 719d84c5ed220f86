// Hot reads compiled once. Kysely builds and compiles a query on every call (its operation-node
// tree, frozen objects, the SQL text): for a small indexed read under load that cost more than
// running it. `compiledOnce` builds the query once with placeholder values, keeps its SQL, and runs
// it again with the values of each call: the same SQL and parameters Kysely would have sent.
import { createQueryId, type CompiledQuery, type Compilable, type Kysely } from 'kysely'
import type { Database } from './schema.js'

/** A placeholder for the n-th value of a call: an object no caller can pass, found by identity among the compiled parameters. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * The rows of `build(...values)`, compiled on the first call (with placeholders where the values
 * go) and run with each call's values. `build` must use every value as a bound parameter (a
 * `where`, `in` list or `values` of the same length on every call), never to shape the query.
 * @example const version = compiledOnce(q, 1, (id) => q.selectFrom('status_lists').select('version').where('id', '=', id))
 */
export function compiledOnce<R>(q: Kysely<Database>, arity: number, build: (...values: string[]) => Compilable<R>): (...values: unknown[]) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined
  let slots: readonly (number | undefined)[] = []
  return async (...values) => {
    if (values.length !== arity) throw new TypeError(`expected ${arity} values, got ${values.length}`)
    if (compiled === undefined) {
      const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i))
      compiled = build(...(placeholders as unknown as string[])).compile()
      slots = compiled.parameters.map((p) => (p instanceof Placeholder ? p.index : undefined))
      const used = new Set(slots.filter((s) => s !== undefined))
      if (used.size !== arity) throw new TypeError('compiledOnce: every value must be a bound parameter')
    }
    const fixed = compiled.parameters
    const parameters = slots.map((slot, i) => (slot === undefined ? fixed[i] : values[slot]))
    const result = await q.executeQuery<R>({ ...compiled, parameters, queryId: createQueryId() })
    return result.rows
  }
}
