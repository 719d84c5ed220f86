// An organization's members and their roles, the invitations not accepted yet, and the form to
// invite someone. Admins manage members; only owners make or demote owners.
import type { InvitationRecord, MemberRecord } from '../../../app/orgs/index.js'
import { hasRole, MIN_ROLE, ROLES, type RoleName } from '../../../app/platform/roles.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, Form, FormActions, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

/** What the members page shows. */
export interface MembersModel {
  shell: ShellOrg
  role: RoleName
  /** The signed-in user's id (an API key has none). */
  me?: string | undefined
  members: readonly MemberRecord[]
  invitations: readonly InvitationRecord[]
  now: string
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
  /** A refusal to show above the list (the last owner rule). */
  alert?: string | undefined
  done?: string | undefined
}

const DONE = { invited: 'org.members.done.invited', role: 'org.members.done.role', removed: 'org.members.done.removed', revoked: 'org.members.done.revoked' } as const

/** The roles `role` may hand out. */
export const grantable = (role: RoleName): RoleName[] => ROLES.filter((r) => hasRole(role, MIN_ROLE.own) || r !== 'owner')

function RoleForm({ member, base, roles }: { member: MemberRecord; base: string; roles: readonly RoleName[] }) {
  const t = useT()
  const id = `role-${member.userId}`
  return (
    <form class="inline-form" method="post" action={`${base}/members/${member.userId}/role`}>
      <CsrfField />
      <label class="sr-only" for={id}>{t.t('org.members.roleOf', { name: member.name })}</label>
      <select id={id} name="role">
        {roles.map((r) => <option value={r} selected={r === member.role}>{t.t(`org.role.${r}`)}</option>)}
      </select>
      <button type="submit" class="button secondary sm">
        {t.t('org.members.change')}<span class="sr-only"> {t.t('org.members.roleOf', { name: member.name })}</span>
      </button>
    </form>
  )
}

/** The page. */
export function MembersView({ model }: { model: MembersModel }) {
  const t = useT()
  const { shell, role, me, members, invitations, values = {}, errors } = model
  const base = `/orgs/${shell.slug}`
  const canManage = hasRole(role, MIN_ROLE.manage)
  const roles = grantable(role)
  const mayTouch = (target: RoleName) => canManage && (target !== 'owner' || hasRole(role, MIN_ROLE.own))
  const done = model.done && model.done in DONE ? t.t(DONE[model.done as keyof typeof DONE]) : undefined
  return (
    <OrgShell org={shell} role={role} current="members">
      <PageHeader
        eyebrow={shell.name}
        title={t.t('org.members.title')}
        lead={t.t('org.members.lead', { count: members.length })}
        actions={canManage && <a class="button" href="#invite"><Icon name="plus" />{t.t('org.members.inviteAction')}</a>}
      />
      <Flash message={done} />
      {model.alert && <Alert kind="bad" title={t.t('org.members.refused')}><p>{model.alert}</p></Alert>}
      <ErrorSummary errors={errors} labels={{ email: t.t('org.field.emailAddress'), role: t.t('org.field.role') }} />
      <DataTable
        id="members"
        caption={t.t('org.members.caption', { name: shell.name })}
        rows={members}
        columns={[
          {
            key: 'name',
            header: t.t('org.members.colName'),
            rowHeader: true,
            cell: (m) => (
              <span class="cell-main">
                <span class="avatar" aria-hidden="true">{Array.from(m.name)[0]?.toUpperCase()}</span>
                <span>{m.name}{m.userId === me && <small>{t.t('org.members.you')}</small>}</span>
              </span>
            ),
          },
          { key: 'email', header: t.t('org.field.emailAddress'), cell: (m) => m.email },
          { key: 'role', header: t.t('org.field.role'), cell: (m) => (mayTouch(m.role) ? <RoleForm member={m} base={base} roles={roles} /> : <span class="pill">{t.t(`org.role.${m.role}`)}</span>) },
          { key: 'since', header: t.t('org.members.colSince'), cell: (m) => t.date(m.createdAt, 'medium') },
          {
            key: 'actions',
            header: <span class="sr-only">{t.t('org.members.colActions')}</span>,
            cell: (m) =>
              (m.userId === me || mayTouch(m.role)) && (
                <form class="inline" method="post" action={`${base}/members/${m.userId}/remove`}>
                  <CsrfField />
                  <button type="submit" class="button danger secondary sm">
                    {m.userId === me ? t.t('org.members.leave') : <>{t.t('org.members.remove')}<span class="sr-only"> {m.name}</span></>}
                  </button>
                </form>
              ),
          },
        ]}
      />
      {canManage ? (
        <div class="grid cols-2 members-admin">
          <Card title={t.t('org.members.inviteTitle')} id="invite">
            <p class="muted">{t.t('org.members.inviteLead')}</p>
            <Form action={`${base}/invitations`}>
              <TextField name="email" type="email" label={t.t('org.field.emailAddress')} value={values['email']} autocomplete="off" required errors={errors} />
              <Select name="role" label={t.t('org.field.role')} options={roles.map((r) => [r, t.t(`org.roleHint.${r}`)] as const)} value={values['role']} required errors={errors} />
              <FormActions>
                <button type="submit" class="button"><Icon name="send" />{t.t('org.members.send')}</button>
              </FormActions>
            </Form>
          </Card>
          <Card title={t.t('org.members.pendingTitle')} id="pending" note={t.t('org.members.pendingCount', { count: invitations.length })}>
            {invitations.length === 0 ? (
              <EmptyState icon="mail" title={t.t('org.members.pendingEmpty')} headingLevel={3}>{t.t('org.members.pendingEmptyText')}</EmptyState>
            ) : (
              <ul class="invitation-list">
                {invitations.map((i) => (
                  <li>
                    <div>
                      <strong>{i.email}</strong>
                      <small>
                        {t.t(`org.role.${i.role}`)} · {i.expiresAt > model.now ? t.t('org.members.expires', { when: t.date(i.expiresAt, 'medium') }) : <StatusPill state="expired" />}
                      </small>
                    </div>
                    {mayTouch(i.role) && (
                      <form class="inline" method="post" action={`${base}/invitations/${i.id}/revoke`}>
                        <CsrfField />
                        <button type="submit" class="button secondary sm">
                          {t.t('org.members.withdraw')}<span class="sr-only"> {t.t('org.members.invitationOf', { email: i.email })}</span>
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <p class="muted small">{t.rich('org.members.outboxNote', { link: (chunks) => <a href={`${base}/outbox`}>{chunks}</a> })}</p>
          </Card>
        </div>
      ) : (
        <p class="muted">{t.t('org.members.readOnly', { role: t.t(`org.role.${role}`) })}</p>
      )}
    </OrgShell>
  )
}
