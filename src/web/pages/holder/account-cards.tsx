import { usePage } from '../../kit/env.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { Icon } from '../../components/icons.js'

/** The account page's holder cards: the account's DID, and its data (export, notifications, deletion). */
export function HolderAccountCards({ did }: { did: string }) {
  const { t } = usePage()
  return (
    <>
      <Card title={t.t('holder.did.title')} id="did">
        <p class="muted">{t.t('holder.did.lead')}</p>
        <CopyField value={did} id="holder-did" />
        <p class="hint holder-gap">{t.t('holder.did.sealed')}</p>
        <p class="holder-gap">
          <a class="button secondary" href="/wallet/present"><Icon name="shield" />{t.t('holder.privacy.present')}</a>
        </p>
      </Card>
      <Card title={t.t('holder.privacy.title')} id="privacy">
        <p class="muted">{t.t('holder.privacy.lead')}</p>
        <ul class="holder-links">
          <li><a href="/api/v1/me/export" download><Icon name="download" />{t.t('holder.privacy.export')}</a></li>
          <li><a href="/account/notifications"><Icon name="mail" />{t.t('holder.privacy.notifications')}</a></li>
          <li><a href="/account/connections"><Icon name="link" />{t.t('oauth.link.connections')}</a></li>
          <li><a href="/account/delete" class="danger-link"><Icon name="trash" />{t.t('holder.privacy.delete')}</a></li>
        </ul>
      </Card>
    </>
  )
}
