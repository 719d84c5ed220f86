import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byteaArray, int8Array, textArray } from './binary-array.js'

const url = process.env.TEST_DATABASE_URL

describe.skipIf(!url)('binary array parameters (PostgreSQL)', () => {
  let client: pg.Client
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url })
    await client.connect()
  })
  afterAll(() => client.end())

  it('arrive as the arrays they encode: int8 up to 2^53 - 1, bytes of any length, UTF-8 text', async () => {
    const ints = [0, 1, 255, 2 ** 31, Number.MAX_SAFE_INTEGER]
    const blobs = [new Uint8Array([0, 1, 255]), new Uint8Array(0), new Uint8Array(300).fill(7)]
    const texts = ['urn:uuid:1', '', 'Ünïcödé ✓ "quoted"\n']
    const { rows } = await client.query<{ i: string[]; b: Buffer[]; t: string[] }>('select $1::int8[]::text[] as i, $2::bytea[] as b, $3::text[] as t', [
      int8Array(ints),
      byteaArray(blobs),
      textArray(texts),
    ])
    expect(rows[0]!.i).toEqual(ints.map(String))
    expect(rows[0]!.b.map((b) => [...b])).toEqual(blobs.map((b) => [...b]))
    expect(rows[0]!.t).toEqual(texts)
  })

  it('carry NULL elements of each type', async () => {
    const { rows } = await client.query<{ i: (string | null)[]; b: (Buffer | null)[]; t: (string | null)[] }>('select $1::int8[]::text[] as i, $2::bytea[] as b, $3::text[] as t', [
      int8Array([null, 7, null]),
      byteaArray([new Uint8Array([1]), null]),
      textArray([null, 'x', null, '']),
    ])
    expect(rows[0]).toEqual({ i: [null, '7', null], b: [Buffer.from([1]), null], t: [null, 'x', null, ''] })
  })

  it('refuses an index that is not a safe integer', () => {
    expect(() => int8Array([2 ** 53])).toThrow(TypeError)
    expect(() => int8Array([1.5])).toThrow(TypeError)
  })
})
