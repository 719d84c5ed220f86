// The global Buffer core uses (Buffer.from, Buffer.concat, toString), for the browser bundle:
// esbuild injects it. The `buffer` package (5.x) lacks the 'base64url' encoding Node has; it is
// added here over 'base64'.
import { Buffer as Base } from 'buffer'

const toBase64 = (text: string) => text.replace(/-/g, '+').replace(/_/g, '/')
const baseFrom = Base.from.bind(Base) as (...args: unknown[]) => Base
const baseToString = Base.prototype.toString as (this: Base, encoding?: string, start?: number, end?: number) => string

Object.defineProperty(Base, 'from', {
  value: (value: unknown, encoding?: unknown, length?: unknown) =>
    typeof value === 'string' && encoding === 'base64url' ? baseFrom(toBase64(value), 'base64') : baseFrom(value, encoding, length),
})
Base.prototype.toString = function toString(this: Base, encoding?: string, start?: number, end?: number): string {
  if (encoding !== 'base64url') return baseToString.call(this, encoding, start, end)
  return baseToString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export const Buffer = Base
