// The wallet credentials to tick, as the Present page (/wallet/present) and the CLR export (/wallet/clr) offer them:
// one checkbox per credential with its badge, issuer and status; the ones that cannot be chosen shown disabled.
import type { PresentableCredential } from '../../../app/holder/holder-use-cases.js'
import { Icon } from '../../components/icons.js'
import { StatusPill } from '../../components/status-pill.js'

/** The form field `name` (its id `field-<name>` is where the error summary links), a box id prefix, and the texts around it. */
export function CredentialChoices({
  name,
  idPrefix,
  credentials,
  chosen,
  error,
  legend,
  hint,
  issuerText,
  cannotText,
}: {
  name: string
  idPrefix: string
  credentials: readonly PresentableCredential[]
  chosen: ReadonlySet<string>
  error: string | undefined
  legend: string
  hint: string
  issuerText: (issuer: string) => string
  cannotText: string
}) {
  const first = credentials.findIndex((c) => c.presentable)
  const boxId = (i: number) => (i === first ? `field-${name}` : `${idPrefix}-${i}`)
  return (
    <fieldset class="group present-choices" aria-describedby={[`field-${name}-hint`, error ? `field-${name}-error` : ''].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <span class="hint" id={`field-${name}-hint`}>{hint}</span>
      {error && (
        <span class="field-error" id={`field-${name}-error`}><Icon name="alert" /><span>{error}</span></span>
      )}
      <ul class="present-list">
        {credentials.map((c, i) => (
          <li class={c.presentable ? 'present-item' : 'present-item disabled'}>
            <input type="checkbox" name={name} value={c.id} id={boxId(i)} checked={chosen.has(c.id)} disabled={!c.presentable} />
            <label for={boxId(i)}>
              {c.imageUrl ? <img src={c.imageUrl} alt="" width={48} height={48} loading="lazy" /> : <span class="present-monogram" aria-hidden="true"><Icon name="award" /></span>}
              <span class="present-text">
                <span class="present-name">{c.name}</span>
                <span class="present-meta">{issuerText(c.issuerName)}</span>
                {!c.presentable && <span class="present-meta">{cannotText}</span>}
              </span>
            </label>
            <StatusPill state={c.status === 'unverified' ? 'not-verified' : c.status} />
          </li>
        ))}
      </ul>
    </fieldset>
  )
}
