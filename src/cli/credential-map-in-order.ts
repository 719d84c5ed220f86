/**
 * Runs `work` on each record with at most `concurrency` in flight and hands the results to `emit` in
 * input order, as soon as each one and all before it are done. A rejection of `work` rejects the whole run, when its turn to be emitted comes.
 */
export async function mapInOrder<T, R>(
  records: AsyncIterable<T>,
  work: (record: T) => Promise<R>,
  emit: (result: R) => void,
  concurrency = 8,
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError('concurrency must be a positive integer')
  const pending: Promise<R>[] = []
  for await (const record of records) {
    const result = work(record)
    // Awaited in order below; until then, a rejection must not count as unhandled.
    result.catch(() => {})
    pending.push(result)
    if (pending.length >= concurrency) emit(await pending.shift()!)
  }
  while (pending.length > 0) emit(await pending.shift()!)
}
