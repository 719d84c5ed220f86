export { createGuardedFetcher, type FetchedResource, type GuardedFetch, type GuardedFetcherOptions } from './guarded-fetcher.js'
export { addressRisk, isPublicAddress, type AddressRisk } from './ip-address.js'
export { createWebhookSender, type WebhookSenderOptions } from './webhook-sender.js'
