import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createErrorHandler } from './error-response.js'
import { silentLogger } from './logger.js'
import { cursorParam, intParam, jsonDepth, readForm, readFormAll, readJson, readUploadedBytes } from './request.js'

/** A response's JSON body, untyped for assertions. */
const json = async (res: Response): Promise<any> => res.json()

const app = new Hono()
  .post('/json', async (c) => c.json(await readJson(c, z.strictObject({ name: z.string().max(5) }), { maxBytes: 64, empty: { name: 'empty' } })))
  .post('/form', async (c) => c.json({ one: await readForm(c), all: await readFormAll(c) }))
  .post('/upload', async (c) => {
    const file = await readUploadedBytes(c, { field: 'file', maxBytes: 8 })
    return c.json(file ? { text: Buffer.from(file.bytes).toString(), fields: file.fields, name: file.fileName } : null)
  })
  .get('/params', (c) => c.json({ limit: intParam(c, 'limit', { min: 1, max: 200, fallback: 50 }) ?? null, cursor: cursorParam(c) ?? null }))
app.onError(createErrorHandler(silentLogger))

const post = (path: string, body: string, type: string) => app.request(path, { method: 'POST', body, headers: { 'content-type': type } })

describe('readJson', () => {
  it('parses and checks a body, gives the empty body its stand-in, and names what is wrong', async () => {
    expect(await (await post('/json', '{"name":"Ada"}', 'application/json')).json()).toEqual({ name: 'Ada' })
    expect(await (await post('/json', '', 'application/json')).json()).toEqual({ name: 'empty' })
    const bad = await post('/json', '{"name":"Adaline"}', 'application/json')
    expect(bad.status).toBe(400)
    expect((await json(bad)).errors).toEqual([{ path: 'name', code: 'too_long', message: expect.any(String) }])
    expect((await json(await post('/json', '{"name":', 'application/json'))).code).toBe('ERR_JSON_PARSE')
    expect((await post('/json', `{"name":"${'x'.repeat(100)}"}`, 'application/json')).status).toBe(413)
  })

  it('measures nesting without parsing, skipping brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[["}]}')).toBe(3)
    expect(jsonDepth('"\\\\"')).toBe(0)
    expect(jsonDepth('[[["\\"]"]]]')).toBe(3)
  })
})

describe('readForm', () => {
  it('reads a url-encoded form once, the last value or every value of a repeated field', async () => {
    const res = await post('/form', 'a=1&b=x&b=y', 'application/x-www-form-urlencoded')
    expect(await res.json()).toEqual({ one: { a: '1', b: 'y' }, all: { a: '1', b: ['x', 'y'] } })
    expect((await post('/form', '{}', 'application/json')).status).toBe(400)
  })
})

describe('readUploadedBytes', () => {
  it('streams the fields before the file and the file under its cap', async () => {
    const form = new FormData()
    form.set('note', 'hello')
    form.set('file', new Blob(['abc']), 'a.txt')
    expect(await (await app.request('/upload', { method: 'POST', body: form })).json()).toEqual({ text: 'abc', fields: { note: 'hello' }, name: 'a.txt' })
    const big = new FormData()
    big.set('file', new Blob(['0123456789']), 'b.txt')
    expect((await app.request('/upload', { method: 'POST', body: big })).status).toBe(413)
    const none = new FormData()
    none.set('note', 'no file')
    expect(await (await app.request('/upload', { method: 'POST', body: none })).json()).toBeNull()
  })
})

describe('query parameters', () => {
  it('reads integers in range with a fallback, and opaque cursors', async () => {
    expect(await (await app.request('/params')).json()).toEqual({ limit: 50, cursor: null })
    expect(await (await app.request('/params?limit=7&cursor=WyJhIl0')).json()).toEqual({ limit: 7, cursor: 'WyJhIl0' })
    const zero = await app.request('/params?limit=0')
    expect(zero.status).toBe(400)
    expect((await json(zero)).errors).toEqual([{ path: 'limit', code: 'too_small', message: 'must be a whole number from 1 to 200' }])
    expect((await json(await app.request('/params?limit=ten'))).errors[0].code).toBe('invalid_type')
    expect((await json(await app.request('/params?cursor=%7B%7D'))).errors[0]).toMatchObject({ path: 'cursor', code: 'invalid_format' })
  })
})
