// /wallet/profile: the learner's public profile (address, name, headline, bio, on/off), which
// credentials and collections it shows, and their share links (views, expiry, revoke).
import type { ProfileSettings, ShareLinkView } from '../../../app/share/share-use-cases.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { Checkbox, CsrfField, ErrorSummary, Form, FormActions, FormSection, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'
import { ExpirySelect } from './share-actions.js'
import type { TalentVisibility } from '../../../app/talent/talent-use-cases.js'
import { OptinCard } from '../talent/visibility-view.js'

/** The form's values as typed (kept when it fails). */
export interface ProfileFormValues {
  handle: string
  displayName: string
  headline: string
  bio: string
  public: boolean
  openToEmployers: boolean
  publicCredentials: readonly string[]
  publicCollections: readonly string[]
}

export interface ProfileSettingsModel {
  settings: ProfileSettings
  links: ShareLinkView[]
  /** Whether employers can find the learner (talent search). */
  talent?: TalentVisibility | undefined
  values?: ProfileFormValues | undefined
  errors?: FieldErrors | undefined
  notice?: 'saved' | 'revoked' | undefined
}

/** The form's values from the stored profile (or a suggestion). */
export const valuesOf = (s: ProfileSettings, fallbackName: string): ProfileFormValues => ({
  handle: s.profile?.handle ?? s.suggestedHandle,
  displayName: s.profile?.displayName ?? fallbackName,
  headline: s.profile?.headline ?? '',
  bio: s.profile?.bio ?? '',
  public: s.profile?.public ?? false,
  openToEmployers: s.profile?.openToEmployers ?? false,
  publicCredentials: s.credentials.filter((c) => c.public).map((c) => c.id),
  publicCollections: s.collections.filter((c) => c.public).map((c) => c.id),
})

function LinkRow({ link }: { link: ShareLinkView }) {
  const { t } = usePage()
  const tone = link.state === 'active' ? 'ok' : link.state === 'expired' ? 'warn' : ''
  const name = link.target.name ?? t.t('share.links.removed')
  return (
    <li class="share-link-row" data-link-state={link.state}>
      <div class="share-link-main">
        <strong>{link.target.kind === 'collection' ? t.t('share.links.collection', { name }) : name}</strong>
        <small class="muted">
          {t.t('share.links.created')}: {t.date(link.createdAt, 'medium')} · {t.t('share.links.expires')}: {link.expiresAt ? t.date(link.expiresAt, 'medium') : t.t('share.links.never')}
        </small>
      </div>
      <span class="share-link-views"><Icon name="eye" /><span>{t.number(link.views)}</span><span class="sr-only"> {t.t('share.links.views')}</span></span>
      <span class={`pill ${tone}`}>{t.t(`share.links.state.${link.state}`)}</span>
      {link.state === 'active' || link.state === 'expired' ? (
        <form method="post" action={`/wallet/share-links/${link.id}/revoke`} class="inline-form">
          <CsrfField />
          <button type="submit" class="button secondary sm" aria-label={t.t('share.links.revokeLabel', { name })}>{t.t('share.links.revoke')}</button>
        </form>
      ) : <span />}
    </li>
  )
}

/** The page. */
export function ProfileSettingsView({ model }: { model: ProfileSettingsModel }) {
  const { t, publicUrl, user } = usePage()
  const { settings } = model
  const v = model.values ?? valuesOf(settings, user?.name ?? '')
  const errors = model.errors
  const profileUrl = settings.profile ? `${publicUrl}/u/${settings.profile.handle}` : undefined
  const labels = { handle: t.t('share.profile.handle'), displayName: t.t('share.profile.displayName'), headline: t.t('share.profile.headline'), bio: t.t('share.profile.bio') }
  const pubCreds = new Set(v.publicCredentials)
  const pubCols = new Set(v.publicCollections)
  return (
    <div class="container page profile-settings">
      <PageHeader
        title={t.t('share.profile.title')}
        lead={t.t('share.profile.lead')}
        actions={settings.profile?.public && profileUrl ? <a class="button secondary" href={`/u/${settings.profile.handle}`}><Icon name="eye" />{t.t('share.profile.view')}</a> : undefined}
      />
      <Flash message={model.notice === 'saved' ? t.t('share.profile.saved') : model.notice === 'revoked' ? t.t('share.links.revoked') : undefined} />
      {settings.profile && profileUrl && (
        <div class={`profile-state ${settings.profile.public ? 'is-public' : 'is-private'}`}>
          <span class={`pill ${settings.profile.public ? 'ok' : ''}`}><Icon name={settings.profile.public ? 'globe' : 'eye'} />{settings.profile.public ? t.t('share.profile.isPublic') : t.t('share.profile.isPrivate')}</span>
          {settings.profile.public && <CopyField value={profileUrl} id="profile-url" />}
        </div>
      )}
      <div class="grid sidebar-right">
        <div class="stack-lg">
          <Card title={t.t('share.profile.detailsTitle')} id="profile">
            <ErrorSummary errors={errors} labels={labels} />
            <Form action="/wallet/profile" label={t.t('share.profile.title')}>
              <TextField name="handle" label={labels.handle} value={v.handle} hint={t.t('share.profile.handleHint', { url: `${publicUrl}/u/${v.handle || '…'}` })} errors={errors} required maxLength={30} autocomplete="username" spellcheck={false} />
              <TextField name="displayName" label={labels.displayName} value={v.displayName} errors={errors} required maxLength={100} autocomplete="name" />
              <TextField name="headline" label={labels.headline} value={v.headline} hint={t.t('share.profile.headlineHint')} errors={errors} maxLength={160} markOptional />
              <TextArea name="bio" label={labels.bio} value={v.bio} errors={errors} maxLength={2000} rows={5} markOptional />
              <Checkbox name="public" label={t.t('share.profile.public')} hint={t.t('share.profile.publicHint')} checked={v.public} />
              <Checkbox name="openToEmployers" label={t.t('share.profile.openToEmployers')} checked={v.openToEmployers} />
              <FormSection title={t.t('share.profile.credentialsTitle')} hint={t.t('share.profile.credentialsHint')} id="public-credentials">
                {settings.credentials.length === 0 ? (
                  <p class="muted">{t.t('share.profile.noCredentials')}</p>
                ) : (
                  <ul class="profile-pick">
                    {settings.credentials.map((c) => (
                      <li class={c.hidden ? 'is-hidden' : ''}>
                        {c.hidden ? (
                          <span class="muted"><Icon name="eye" />{c.name} <small>({t.t('share.profile.hiddenNote')})</small></span>
                        ) : (
                          <Checkbox name="publicCredentials" value={c.id} id={`pub-${c.id}`} checked={pubCreds.has(c.id)} label={<>{c.name} <small class="muted">{c.issuerName}</small></>} />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </FormSection>
              {settings.collections.length > 0 && (
                <FormSection title={t.t('share.profile.collectionsTitle')} hint={t.t('share.profile.collectionsHint')} id="public-collections">
                  <ul class="profile-pick">
                    {settings.collections.map((c) => (
                      <li><Checkbox name="publicCollections" value={c.id} id={`col-${c.id}`} checked={pubCols.has(c.id)} label={<>{c.name} <small class="muted">{t.t('share.profile.collectionCount', { count: c.count })}</small></>} /></li>
                    ))}
                  </ul>
                </FormSection>
              )}
              <input type="hidden" name="listsShown" value="1" />
              <FormActions>
                <button type="submit" class="button"><Icon name="check" />{t.t('share.profile.submit')}</button>
              </FormActions>
            </Form>
          </Card>
        </div>
        <div class="stack-lg">
          {model.talent && <OptinCard visibility={model.talent} />}
          <Card title={t.t('share.links.title')} id="share-links">
            <p class="muted small">{t.t('share.links.lead')}</p>
            {model.links.length === 0 ? <p class="muted">{t.t('share.links.empty')}</p> : <ul class="share-link-list" aria-label={t.t('share.links.caption')}>{model.links.map((l) => <LinkRow link={l} />)}</ul>}
            {settings.collections.length > 0 && (
              <form method="post" action="/wallet/share-links" class="share-link-form">
                <CsrfField />
                <h3>{t.t('share.links.newCollection')}</h3>
                <div class="field">
                  <label for="share-collection">{t.t('share.links.collectionField')}</label>
                  <select id="share-collection" name="collection">{settings.collections.map((c) => <option value={c.id}>{c.name}</option>)}</select>
                </div>
                <ExpirySelect id="share-collection-expiry" />
                <button type="submit" class="button secondary"><Icon name="link" />{t.t('share.links.create')}</button>
              </form>
            )}
          </Card>
        </div>
      </div>
    </div>
  )
}

/** After creating a link: the URL, shown once. */
export function LinkCreatedView({ url, name }: { url: string; name: string }) {
  const { t } = usePage()
  return (
    <div class="container page share-created">
      <PageHeader title={t.t('share.links.createdTitle')} lead={name} />
      <Alert kind="ok"><p>{t.t('share.links.createdText')}</p></Alert>
      <Card>
        <CopyField value={url} id="share-url" />
        <p class="actions"><a class="button secondary" href={url}><Icon name="external" />{t.t('share.links.open')}</a><a href="/wallet/profile#share-links">{t.t('share.links.back')}</a></p>
      </Card>
    </div>
  )
}
