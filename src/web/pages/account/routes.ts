import { Hono } from 'hono'
import '../../../http/context.js'

/** Account pages: sign up, sign in, verify e-mail, reset password, account. */
export const accountPages = (): Hono => new Hono()
