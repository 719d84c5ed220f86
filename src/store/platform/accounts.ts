import { sql, type Kysely, type Selectable } from 'kysely'
import type { AccountsRepo, UserRecord } from '../../app/accounts/ports.js'
import type { Database } from '../schema.js'

/** A users row as the app sees it. */
const userOf = (r: Selectable<Database['users']>): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  emailVerifiedAt: r.email_verified_at,
  createdAt: r.created_at,
})

/** The accounts repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function accountsRepo(q: Kysely<Database>, now: () => Date): AccountsRepo {
  return {
    async createUser({ id, email, name, passwordHash }) {
      // An address another account added (0009's account_emails) is taken too.
      if (await q.selectFrom('account_emails').select('user_id').where('email', '=', email).executeTakeFirst()) return 'exists'
      const createdAt = now().toISOString()
      // ON CONFLICT DO NOTHING: a taken e-mail neither throws nor aborts a PostgreSQL transaction.
      const result = await q
        .insertInto('users')
        .values({ id, email, name, password_hash: passwordHash, email_verified_at: null, created_at: createdAt })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return 'exists'
      // The sign-up address is the account's first address (0009).
      await q.insertInto('account_emails').values({ user_id: id, email, verified_at: null, created_at: createdAt }).onConflict((oc) => oc.column('email').doNothing()).execute()
      return 'created'
    },

    async userByEmail(email) {
      const row = await q.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
      return row ? userOf(row) : undefined
    },

    async userById(id) {
      const row = await q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? userOf(row) : undefined
    },

    async setName(userId, name) {
      await q.updateTable('users').set({ name }).where('id', '=', userId).execute()
    },

    async setPasswordHash(userId, passwordHash) {
      await q.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
    },

    async markEmailVerified(userId, at) {
      await q.updateTable('users').set({ email_verified_at: at.toISOString() }).where('id', '=', userId).where('email_verified_at', 'is', null).execute()
      const user = await q.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst()
      if (user) await q.updateTable('account_emails').set({ verified_at: at.toISOString() }).where('user_id', '=', userId).where('email', '=', user.email).where('verified_at', 'is', null).execute()
    },

    async createSession({ idHash, userId, csrfToken, expiresAt }) {
      await q
        .insertInto('sessions')
        .values({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, created_at: now().toISOString(), expires_at: expiresAt.toISOString() })
        .execute()
    },

    async deleteSession(idHash) {
      const result = await q.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async deleteSessions(userId, { exceptIdHash } = {}) {
      let query = q.deleteFrom('sessions').where('user_id', '=', userId)
      if (exceptIdHash !== undefined) query = query.where('id_hash', '!=', exceptIdHash)
      const result = await query.executeTakeFirst()
      return Number(result.numDeletedRows)
    },

    async createToken({ tokenHash, userId, purpose, expiresAt }) {
      await q
        .insertInto('user_tokens')
        .values({ token_hash: tokenHash, user_id: userId, purpose, created_at: now().toISOString(), expires_at: expiresAt.toISOString(), used_at: null })
        .execute()
    },

    async peekToken(tokenHash, purpose, at) {
      const row = await q
        .selectFrom('user_tokens')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at.toISOString())
        .executeTakeFirst()
      return row?.user_id
    },

    async useToken(tokenHash, purpose, at) {
      const stamp = at.toISOString()
      const result = await q
        .updateTable('user_tokens')
        .set({ used_at: stamp })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', stamp)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return undefined
      const row = await q.selectFrom('user_tokens').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirst()
      return row?.user_id
    },

    async tokenOwner(tokenHash, purpose) {
      const row = await q.selectFrom('user_tokens').select('user_id').where('token_hash', '=', tokenHash).where('purpose', '=', purpose).executeTakeFirst()
      return row?.user_id
    },

    async deleteTokens(userId, purpose) {
      await q.deleteFrom('user_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute()
    },

    async memberships(userId) {
      const rows = await q
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .select(['organizations.id', 'organizations.slug', 'organizations.name', 'memberships.role'])
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.name')
        .orderBy('organizations.slug')
        .execute()
      return rows.map((r) => ({ org: { id: r.id, slug: r.slug, name: r.name }, role: r.role }))
    },
    async signInLockedUntil(accountHash) {
      const row = await q.selectFrom('sign_in_throttle').select('locked_until').where('account_hash', '=', accountHash).executeTakeFirst()
      return row?.locked_until ?? undefined
    },
    async recordSignInFailure(accountHash, at, restartBefore) {
      // One statement (an upsert returning the count): concurrent failures in any process all count.
      const row = await q
        .insertInto('sign_in_throttle')
        .values({ account_hash: accountHash, failures: 1, last_failure_at: at, locked_until: null })
        .onConflict((oc) =>
          oc.column('account_hash').doUpdateSet({
            failures: sql<number>`case when sign_in_throttle.last_failure_at < ${restartBefore} then 1 else sign_in_throttle.failures + 1 end`,
            last_failure_at: at,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow()
      return Number(row.failures)
    },
    async lockSignIn(accountHash, until) {
      await q
        .updateTable('sign_in_throttle')
        .set({ locked_until: until })
        .where('account_hash', '=', accountHash)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', until)]))
        .execute()
    },
    async clearSignInFailures(accountHash) {
      await q.deleteFrom('sign_in_throttle').where('account_hash', '=', accountHash).execute()
    },
  }
}
