// What a learner sends to set up their public profile (the settings page and PUT /api/v1/wallet/profile).
import { z } from 'zod'
import { coded } from '../platform/input-error.js'

const line = (max: number) => z.string().trim().max(max, coded('too_long', `use at most ${max} characters`))

/** The profile as the learner sets it; `publicCredentials` / `publicCollections`, when given, are exactly the public ones. */
export const profileInput = z
  .strictObject({
    handle: z.string().max(100, coded('too_long', 'use at most 30 characters')).describe('Your address: `/u/<handle>`; 3–30 of a–z, 0–9 and inner hyphens (upper case is lowered)'),
    displayName: line(100).min(1, coded('required', 'enter the name your profile shows')).describe('The name your profile shows'),
    headline: line(160).default('').describe('One line under your name, e.g. "Data analyst in training"'),
    bio: line(2000).default('').describe('A few sentences about you (plain text)'),
    public: z.boolean().default(false).describe('Whether `/u/<handle>` is shown to anyone; off, it answers 404'),
    openToEmployers: z.boolean().default(false).describe('Show employers you are open to offers'),
    publicCredentials: z.array(z.string().max(100)).max(2000).optional().describe('Wallet credential ids to show on the profile (all others become private); absent: unchanged'),
    publicCollections: z.array(z.string().max(100)).max(500).optional().describe('Collection ids to show on the profile (all others become private); absent: unchanged'),
  })
  .meta({ id: 'LearnerProfileInput' })

export type ProfileInput = z.output<typeof profileInput>

/** A new share link: for one wallet credential or one collection, optionally expiring. */
export const shareLinkInput = z
  .strictObject({
    credential: z.string().max(100).optional().describe('The wallet credential to share (its wallet id)'),
    collection: z.string().max(100).optional().describe('Or the collection to share'),
    expiresAt: z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' }).optional().describe('When the link stops working; absent: never'),
    expiresInDays: z.int('must be a whole number').min(1, 'must be from 1 to 3650').max(3650, 'must be from 1 to 3650').optional().describe('Or: how many days from now the link works'),
  })
  .refine((v) => (v.credential === undefined) !== (v.collection === undefined), { ...coded('required', 'give either credential or collection'), path: ['credential'] })
  .refine((v) => v.expiresAt === undefined || v.expiresInDays === undefined, { ...coded('invalid', 'give expiresAt or expiresInDays, not both'), path: ['expiresAt'] })
  .meta({ id: 'ShareLinkInput' })

export type ShareLinkInput = z.output<typeof shareLinkInput>
