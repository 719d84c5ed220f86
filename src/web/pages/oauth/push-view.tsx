// The learner's page of an issuer's push link (/push/:token): which credential, from whom, a form
// for their OB 3.0 host (prefilled when the issuer named it), what happens next, and the outcome:
// "Delivered to <host>", or why not with the way to try again. No Emblem account needed.
import type { PushPageModel } from '../../../app/ob3client/issuer-push.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'

export interface PushPageViewModel {
  token: string
  page: PushPageModel
  /** What the learner typed before a refusal. */
  hostUrl?: string | undefined
  errors?: FieldErrors | undefined
  /** Why the last step failed (a refused authorization, a host that refused the credential). */
  problem?: string | undefined
}

/** The learner's page: the credential, the host form or the outcome. */
export function PushView({ model }: { model: PushPageViewModel }) {
  const t = useT()
  const { page, token } = model
  const { push } = page
  const org = page.orgName
  const delivered = push.state === 'delivered'
  const problem = model.problem ?? (push.state === 'failed' ? push.reason ?? undefined : undefined)
  return (
    <div class="container page push-page">
      <article class="card push-hero" aria-labelledby="push-title">
        <span class="push-mark" aria-hidden="true"><Icon name={delivered ? 'check' : 'send'} /></span>
        <div>
          <span class="eyebrow">{t.t('oauth.issuerPush.eyebrow', { org })}</span>
          <h1 id="push-title">{page.achievementName}</h1>
          <p class="muted">{t.t('oauth.issuerPush.awardedTo', { name: page.recipientName })}</p>
        </div>
      </article>
      <div class="grid sidebar-right section">
        <div class="stack">
          {delivered ? (
            <Alert kind="ok" title={t.t('oauth.issuerPush.deliveredTitle', { host: push.host ?? '' })} id="push-outcome">
              <p>{push.result === 'existing' ? t.t('oauth.issuerPush.deliveredExisting', { host: push.host ?? '' }) : t.t('oauth.issuerPush.deliveredText', { host: push.host ?? '', date: t.dateTime(push.deliveredAt ?? push.createdAt) })}</p>
            </Alert>
          ) : page.expired ? (
            <Alert kind="bad" title={t.t('oauth.issuerPush.expiredTitle')} id="push-outcome">
              <p>{t.t('oauth.issuerPush.expired', { org })}</p>
            </Alert>
          ) : (
            <>
              {problem && (
                <Alert kind="bad" title={t.t('oauth.issuerPush.failedTitle')} id="push-outcome">
                  <p>{problem}</p>
                </Alert>
              )}
              <Card title={t.t('oauth.issuerPush.formTitle')} id="push-host">
                <p>{t.t('oauth.issuerPush.formLead', { org })}</p>
                {page.hostUrl && <p class="muted small">{t.t('oauth.issuerPush.suggested', { org, host: page.hostUrl })}</p>}
                <Form action={`/push/${token}`}>
                  <TextField name="hostUrl" label={t.t('oauth.issuerPush.hostLabel')} hint={t.t('oauth.issuerPush.hostHint')} value={model.hostUrl ?? page.hostUrl ?? ''} autocomplete="url" inputMode="url" spellcheck={false} errors={model.errors} required maxLength={2000} />
                  <FormActions>
                    <button type="submit" class="button"><Icon name="send" />{problem ? t.t('oauth.issuerPush.retry') : t.t('oauth.issuerPush.submit')}</button>
                  </FormActions>
                </Form>
              </Card>
            </>
          )}
        </div>
        <Card title={t.t('oauth.issuerPush.howTitle')} headingLevel={2}>
          <ol class="push-steps">
            <li>{t.t('oauth.issuerPush.how1')}</li>
            <li>{t.t('oauth.issuerPush.how2')}</li>
            <li>{t.t('oauth.issuerPush.how3', { org })}</li>
          </ol>
        </Card>
      </div>
    </div>
  )
}

/** The callback's page when the authorization is unknown, expired or was used already (no link to go back to). */
export function PushGoneView({ message }: { message: string }) {
  const t = useT()
  return (
    <div class="container page push-page">
      <Alert kind="bad" title={t.t('oauth.issuerPush.goneTitle')} id="push-outcome">
        <p>{message}</p>
      </Alert>
    </div>
  )
}
