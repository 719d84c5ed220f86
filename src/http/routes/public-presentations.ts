import { Hono, type Context } from 'hono'
import { HOLDER_LIMITS, presentationCheckSchema } from '../../app/holder/holder-input.js'
import { publicViewer } from '../auth/viewer.js'
import '../context.js'
import { readJson } from '../request.js'

function allowAnyOrigin(c: Context): void {
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cross-Origin-Resource-Policy', 'cross-origin')
}

/**
 * `POST /api/v1/presentations/verify`: anyone (an employer's verifier) checks a Verifiable
 * Presentation, the holder's proof and each credential in it. Public, no session (mounted before
 * authentication, like POST /api/v1/verify).
 */
export const publicPresentationRoutes = (): Hono =>
  new Hono()
    .options('/api/v1/presentations/verify', (c) => {
      allowAnyOrigin(c)
      c.header('Access-Control-Allow-Methods', 'POST, OPTIONS')
      c.header('Access-Control-Allow-Headers', 'Accept, Content-Type')
      c.header('Access-Control-Max-Age', '86400')
      return c.body(null, 204)
    })
    .post('/api/v1/presentations/verify', async (c) => {
      const body = await readJson(c, presentationCheckSchema, { maxBytes: HOLDER_LIMITS.presentationBytes })
      const viewer = await publicViewer(c)
      const result = await c.get('platform').holder.verifyPresentation(body, (credential) => c.get('platform').credentials.verifySubmitted(credential, c.get('fetchLocal'), viewer))
      allowAnyOrigin(c)
      c.header('Cache-Control', 'no-store')
      return c.json(result)
    })
