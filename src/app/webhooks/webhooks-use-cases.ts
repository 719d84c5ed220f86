// An organization's webhook endpoints and their delivery log, for its admins (pages and API).
import { z } from 'zod'
import { PlatformError } from '../../core/errors.js'
import { coded, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { RETRY_WINDOW_MS } from './emit.js'
import { TEST_EVENT, WEBHOOK_EVENTS, type WebhookAttemptRecord, type WebhookDeliveryRecord, type WebhookEndpointRecord, type WebhookEventType } from './ports.js'

/** Limits of what an endpoint holds. */
export const WEBHOOK_LIMITS = Object.freeze({ url: 2000, description: 200, endpoints: 20 })

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u

const isEndpointUrl = (v: string): boolean => {
  try {
    const url = new URL(v)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password && !/\s/.test(v)
  } catch {
    return false
  }
}

const url = z
  .string('enter the endpoint’s URL')
  .trim()
  .refine((v) => v !== '', coded('required', 'enter the endpoint’s URL'))
  .refine((v) => v.length <= WEBHOOK_LIMITS.url, coded('too_long', `use at most ${WEBHOOK_LIMITS.url} characters`))
  .refine(isEndpointUrl, coded('invalid_url', 'enter an https:// URL without a user name or password'))

const description = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .refine((v) => !CONTROL.test(v), coded('invalid_characters', 'remove the control characters'))
  .refine((v) => [...v].length <= WEBHOOK_LIMITS.description, coded('too_long', `use at most ${WEBHOOK_LIMITS.description} characters`))

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `choose among ${WEBHOOK_EVENTS.join(', ')}` }), 'choose the events to send')
  .min(1, coded('required', 'choose at least one event'))
  .transform((v) => WEBHOOK_EVENTS.filter((e) => v.includes(e)))

/** A new endpoint. */
export const webhookEndpointInput = z.strictObject({ url, description: description.optional(), events })
/** A change to an endpoint: any of its fields, and whether it is enabled. */
export const webhookEndpointChange = z.strictObject({ url: url.optional(), description: description.optional(), events: events.optional(), enabled: z.boolean('true or false').optional() })

/** An endpoint as admins see it (the secret included: they configure their receiver with it). */
export interface WebhookEndpointView extends Omit<WebhookEndpointRecord, 'orgId'> {
  /** Deliveries waiting for a retry and failed ones, and the latest one's state and time. */
  stats: { pending: number; failed: number; lastState: WebhookDeliveryRecord['state'] | null; lastAt: string | null }
}

/** A delivery with its attempts, newest first. */
export interface WebhookDeliveryView extends WebhookDeliveryRecord {
  attemptLog: WebhookAttemptRecord[]
}

export interface WebhooksUseCases {
  /** The organization's endpoints, oldest first, with their delivery counts. */
  list(orgId: string): Promise<WebhookEndpointView[]>
  endpoint(orgId: string, id: string): Promise<WebhookEndpointView>
  /** Adds an endpoint with a new `whsec_…` secret; InputError for a bad URL or event list. */
  create(orgId: string, input: unknown): Promise<WebhookEndpointView>
  update(orgId: string, id: string, input: unknown): Promise<WebhookEndpointView>
  /** Replaces the signing secret: deliveries from now on are signed with the new one. */
  rotateSecret(orgId: string, id: string): Promise<WebhookEndpointView>
  remove(orgId: string, id: string): Promise<void>
  /** Queues a `webhook.test` event to this endpoint (whatever it subscribes to); ERR_STATE_INVALID when disabled. */
  sendTest(orgId: string, id: string): Promise<WebhookDeliveryRecord>
  /** The endpoint's deliveries, newest first, `limit` at a time; `next` is the `before` of the following page. */
  deliveries(orgId: string, endpointId: string, options: { limit: number; before?: string | undefined }): Promise<{ items: WebhookDeliveryRecord[]; next?: string }>
  delivery(orgId: string, id: string): Promise<WebhookDeliveryView>
  /** Sends a delivery again (same message id), with a fresh 3-day retry window. */
  redeliver(orgId: string, id: string): Promise<WebhookDeliveryRecord>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MESSAGE_ID = /^msg_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const noEndpoint = () => new PlatformError('ERR_NOT_FOUND', 'No such webhook endpoint in this organization')
const noDelivery = () => new PlatformError('ERR_NOT_FOUND', 'No such webhook delivery in this organization')

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = (random: PlatformPorts['random']): string => `whsec_${Buffer.from(random.token(24), 'base64url').toString('base64')}`

/** The context a webhook secret is sealed in: bound to its endpoint. */
const secretContext = (endpointId: string) => `webhook-secret:${endpointId}`

/** The plain `whsec_…` secret of a stored endpoint (sealed, or plain in a row written before 0023). */
export const openWebhookSecret = ({ secrets }: Pick<PlatformPorts, 'secrets'>, e: Pick<WebhookEndpointRecord, 'id' | 'secret'>): string =>
  e.secret.startsWith('whsec_') ? e.secret : secrets.open(e.secret, secretContext(e.id))

/** Seals the secrets still stored plain (endpoints made before migration 0023); how many it sealed. Run at every start. */
export async function sealStoredWebhookSecrets({ store, secrets }: Pick<PlatformPorts, 'store' | 'secrets'>): Promise<number> {
  let sealed = 0
  for (;;) {
    const plain = await store.repos.webhooks.endpointsWithPlainSecret(100)
    if (plain.length === 0) return sealed
    let progressed = false
    for (const e of plain) {
      if (await store.repos.webhooks.replaceSecret(e.id, e.secret, secrets.seal(e.secret, secretContext(e.id)))) sealed++
      progressed = true
    }
    if (!progressed) return sealed
  }
}

export function webhooksUseCases({ store, clock, random, wake, secrets }: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'wake' | 'secrets'>): WebhooksUseCases {
  const repo = store.repos.webhooks
  const seal = (endpointId: string, secret: string) => secrets.seal(secret, secretContext(endpointId))
  const plain = (e: WebhookEndpointRecord): WebhookEndpointRecord => ({ ...e, secret: openWebhookSecret({ secrets }, e) })
  const find = async (orgId: string, id: string): Promise<WebhookEndpointRecord> => {
    const endpoint = UUID.test(id) ? await repo.endpoint(orgId, id.toLowerCase()) : undefined
    if (!endpoint) throw noEndpoint()
    return endpoint
  }
  const viewOf = async (orgId: string, e: WebhookEndpointRecord): Promise<WebhookEndpointView> => {
    const stats = (await repo.summaries(orgId)).get(e.id) ?? { pending: 0, failed: 0, lastState: null, lastAt: null }
    const { orgId: _org, ...rest } = plain(e)
    return { ...rest, stats }
  }
  const findDelivery = async (orgId: string, id: string): Promise<WebhookDeliveryRecord> => {
    const delivery = MESSAGE_ID.test(id) ? await repo.delivery(orgId, id.toLowerCase()) : undefined
    if (!delivery) throw noDelivery()
    return delivery
  }
  return {
    async list(orgId) {
      const [endpoints, summaries] = await Promise.all([repo.endpoints(orgId), repo.summaries(orgId)])
      return endpoints.map(plain).map(({ orgId: _org, ...e }) => ({ ...e, stats: summaries.get(e.id) ?? { pending: 0, failed: 0, lastState: null, lastAt: null } }))
    },
    async endpoint(orgId, id) {
      return viewOf(orgId, await find(orgId, id))
    },
    async create(orgId, input) {
      const parsed = parseInput(webhookEndpointInput, input)
      if ((await repo.endpoints(orgId)).length >= WEBHOOK_LIMITS.endpoints)
        throw new PlatformError('ERR_STATE_INVALID', `An organization has at most ${WEBHOOK_LIMITS.endpoints} webhook endpoints`)
      const at = clock.now().toISOString()
      const id = random.uuid()
      const secret = newSecret(random)
      const endpoint: WebhookEndpointRecord = {
        id,
        orgId,
        url: parsed.url,
        description: parsed.description ?? '',
        events: parsed.events as WebhookEventType[],
        enabled: true,
        secret: seal(id, secret),
        createdAt: at,
        updatedAt: at,
      }
      await repo.insertEndpoint(endpoint)
      return viewOf(orgId, endpoint)
    },
    async update(orgId, id, input) {
      const endpoint = await find(orgId, id)
      const change = parseInput(webhookEndpointChange, input)
      await repo.updateEndpoint(orgId, endpoint.id, {
        ...(change.url !== undefined ? { url: change.url } : {}),
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.events !== undefined ? { events: change.events as WebhookEventType[] } : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        updatedAt: clock.now().toISOString(),
      })
      if (change.enabled) wake('webhooks')
      return viewOf(orgId, await find(orgId, endpoint.id))
    },
    async rotateSecret(orgId, id) {
      const endpoint = await find(orgId, id)
      await repo.updateEndpoint(orgId, endpoint.id, { secret: seal(endpoint.id, newSecret(random)), updatedAt: clock.now().toISOString() })
      return viewOf(orgId, await find(orgId, endpoint.id))
    },
    async remove(orgId, id) {
      const endpoint = await find(orgId, id)
      await repo.deleteEndpoint(orgId, endpoint.id)
    },
    async sendTest(orgId, id) {
      const endpoint = await find(orgId, id)
      if (!endpoint.enabled) throw new PlatformError('ERR_STATE_INVALID', 'This endpoint is disabled: enable it to send a test event')
      const now = clock.now()
      const messageId = `msg_${random.uuid()}`
      const payload = JSON.stringify({ type: TEST_EVENT, timestamp: now.toISOString(), data: { endpointId: endpoint.id, message: 'A test event from Emblem' } })
      await repo.enqueueTo(endpoint.id, orgId, TEST_EVENT, payload, messageId, now, new Date(now.getTime() + RETRY_WINDOW_MS))
      wake('webhooks')
      return findDelivery(orgId, messageId)
    },
    async deliveries(orgId, endpointId, { limit, before }) {
      const endpoint = await find(orgId, endpointId)
      const rows = await repo.deliveries(orgId, endpoint.id, { limit: limit + 1, before: before && MESSAGE_ID.test(before) ? before.toLowerCase() : undefined })
      const items = rows.slice(0, limit)
      const next = rows.length > limit ? items.at(-1)?.id : undefined
      return next ? { items, next } : { items }
    },
    async delivery(orgId, id) {
      const delivery = await findDelivery(orgId, id)
      return { ...delivery, attemptLog: await repo.attempts(delivery.id) }
    },
    async redeliver(orgId, id) {
      const delivery = await findDelivery(orgId, id)
      if (delivery.state === 'pending' && delivery.attempts === 0) return delivery
      const now = clock.now()
      await repo.requeue(orgId, delivery.id, now, new Date(now.getTime() + RETRY_WINDOW_MS))
      wake('webhooks')
      return findDelivery(orgId, delivery.id)
    },
  }
}
