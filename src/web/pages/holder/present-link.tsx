import { usePage } from '../../kit/env.js'
import { Icon } from '../../components/icons.js'

/** The wallet's way to the Present page (/wallet/present). */
export function WalletPresentLink() {
  const { t } = usePage()
  return <a class="button ghost" href="/wallet/present"><Icon name="shield" />{t.t('holder.present.link')}</a>
}

/** The wallet's way to the CLR 2.0 export (/wallet/clr). */
export function WalletClrLink() {
  const { t } = usePage()
  return <a class="button ghost" href="/wallet/clr"><Icon name="download" />{t.t('clr.wallet.link')}</a>
}
