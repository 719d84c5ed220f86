// The public page of the transparency log: its size and growth, the latest signed checkpoint and
// the key that verifies it, a check that a credential is in it, and how to audit it yourself.
import type { StoredCheckpoint } from '../../../app/ports.js'
import { encodeBase64 } from '../../../core/transparency-log/base64.js'
import { Alert } from '../../components/alert.js'
import { Card, StatCard } from '../../components/card.js'
import { LineChart } from '../../components/chart.js'
import { CopyButton, CopyField } from '../../components/copy-button.js'
import { Form, FormActions, TextField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import type { InclusionLookup } from '../../../app/log-lookup.js'

/** One point of the log's growth: when a checkpoint was signed, and its tree size. */
export interface GrowthPoint {
  at: string
  size: number
}

/** What the page shows. Without `published`, the instance has no log. */
export interface LogModel {
  published?: { latest?: StoredCheckpoint | undefined; verifierKey: string; growth: readonly GrowthPoint[]; publicUrl: string; /** Names of the configured witnesses that cosigned the latest checkpoint. */ cosignedBy?: readonly string[] }
  /** The credential id asked about, and what was found. */
  lookup?: InclusionLookup | undefined
  asked?: string | undefined
}

function LookupResult({ lookup }: { lookup: InclusionLookup }) {
  const t = useT()
  const heading = <h3 id="inclusion-result">{t.rich('log.lookup.heading', { id: <code>{lookup.credential}</code> })}</h3>
  switch (lookup.kind) {
    case 'included':
      return (
        <Alert kind="ok">
          {heading}
          <p><strong>{t.t('log.lookup.included')}</strong> {t.t('log.lookup.includedDetail', { index: lookup.index, size: lookup.treeSize })}</p>
          <dl class="facts">
            <dt>{t.t('log.lookup.issuer')}</dt><dd><code>{lookup.issuer}</code></dd>
            <dt>{t.t('log.lookup.issued')}</dt><dd>{t.dateTime(lookup.issued)}</dd>
          </dl>
          <p><a href={`/log/proof/inclusion?credential=${encodeURIComponent(lookup.credential)}`}>{t.t('log.lookup.proofJson')}</a></p>
        </Alert>
      )
    case 'absent':
      return (
        <Alert kind="warn">
          {heading}
          <p><strong>{t.t('log.lookup.absent')}</strong> {t.t('log.lookup.absentDetail')}</p>
        </Alert>
      )
    case 'invalid':
      return (
        <Alert kind="bad">
          {heading}
          <p><strong>{t.t('log.lookup.invalid')}</strong> {lookup.message}</p>
        </Alert>
      )
  }
}

/** The page. */
export function LogView({ model }: { model: LogModel }) {
  const t = useT()
  const { published, lookup } = model
  const header = <PageHeader eyebrow={t.t('log.eyebrow')} title={t.t('log.title')} lead={t.t('log.lead')} />
  if (!published) {
    return (
      <div class="container page">
        {header}
        <Alert kind="warn"><p>{t.t('log.none')}</p></Alert>
      </div>
    )
  }
  const { latest, growth, verifierKey, publicUrl } = published
  const first = growth[0]
  const last = growth[growth.length - 1]
  return (
    <div class="container page">
      {header}
      <div class="grid cols-3 tight">
        <StatCard label={t.t('log.stats.entries')} value={latest?.checkpoint.size ?? 0} icon="tree" />
        <StatCard label={t.t('log.stats.checkpoints')} value={growth.length} icon="shield" note={t.t('log.stats.checkpointsNote')} />
        <div class="card stat-card">
          <span class="stat-label"><Icon name="clock" />{t.t('log.stats.lastSigned')}</span>
          <span class="stat-value small-value">{latest ? t.date(latest.createdAt, 'medium') : '—'}</span>
          <span class="stat-foot">{latest ? t.dateTime(latest.createdAt) : t.t('log.noCheckpoint')}</span>
        </div>
      </div>

      <div class="grid sidebar-right section">
        <Card title={t.t('log.growth.title')} id="growth">
          {growth.length === 0 || !first || !last ? (
            <p class="muted">{t.t('log.noCheckpoint')}</p>
          ) : (
            <LineChart
              id="growth"
              title={t.t('log.growth.chartTitle')}
              summary={t.t('log.growth.summary', { from: first.size, fromDate: t.date(first.at), to: last.size, toDate: t.date(last.at), count: growth.length })}
              series={[{ label: t.t('log.growth.series'), values: growth.map((p) => p.size) }]}
              xLabels={growth.map((p) => t.date(p.at, 'medium'))}
              tableCaption={t.t('log.growth.table')}
              xHeader={t.t('log.growth.signedAt')}
            />
          )}
        </Card>
        <Card title={t.t('log.check.title')} id="check">
          <p class="muted small">{t.t('log.check.hint')}</p>
          <Form action="/log" method="get" class="form">
            <TextField name="credential" id="credential" label={t.t('log.check.label')} value={model.asked ?? lookup?.credential} required spellcheck={false} placeholder="urn:uuid:…" />
            <FormActions>
              <button type="submit" class="button"><Icon name="search" />{t.t('log.check.submit')}</button>
            </FormActions>
          </Form>
          {lookup && <section aria-labelledby="inclusion-result" class="lookup">{<LookupResult lookup={lookup} />}</section>}
        </Card>
      </div>

      <div class="grid cols-2 section">
        <Card title={t.t('log.checkpoint.title')} id="checkpoint" actions={<a class="button secondary sm" href="/log/checkpoint" download><Icon name="download" />{t.t('log.checkpoint.download')}</a>}>
          {latest ? (
            <>
              <dl class="facts">
                <dt>{t.t('log.checkpoint.origin')}</dt><dd><code>{latest.checkpoint.origin}</code></dd>
                <dt>{t.t('log.checkpoint.size')}</dt><dd>{t.t('log.checkpoint.entries', { count: latest.checkpoint.size })}</dd>
                <dt>{t.t('log.checkpoint.root')}</dt><dd><code>{encodeBase64(latest.checkpoint.root)}</code></dd>
                <dt>{t.t('log.checkpoint.signedAt')}</dt><dd>{t.dateTime(latest.createdAt)}</dd>
                {published?.cosignedBy && published.cosignedBy.length > 0 && (
                  <><dt>{t.t('log.checkpoint.cosignedBy')}</dt><dd id="cosigned-by">{published.cosignedBy.map((name, i) => <>{i > 0 && ', '}<code>{name}</code></>)}</dd></>
                )}
              </dl>
              <p class="muted small">{t.t('log.checkpoint.note')}</p>
              <pre><code id="checkpoint-note">{latest.note}</code></pre>
            </>
          ) : (
            <p class="muted">{t.t('log.noCheckpoint')}</p>
          )}
        </Card>
        <div class="stack">
          <Card title={t.t('log.key.title')} id="key" actions={<a class="button secondary sm" href="/log/key">{t.t('log.key.asText')}</a>}>
            <p class="muted small">{t.t('log.key.hint')}</p>
            <CopyField value={verifierKey} id="verifier-key" />
          </Card>
          <Card title={t.t('log.audit.title')} id="audit">
            <p class="muted small">{t.t('log.audit.hint')}</p>
            <div class="copy-field">
              <code id="audit-command">{`npx emblem log audit --url ${publicUrl}/log --key '${verifierKey}'`}</code>
              <CopyButton target="#audit-command" />
            </div>
            <ul class="plain link-list">
              <li><a href="/log/checkpoint"><code>/log/checkpoint</code></a> · {t.t('log.audit.checkpoint')}</li>
              <li><code>/log/tile/&lt;L&gt;/&lt;N&gt;</code> · {t.t('log.audit.tiles')}</li>
              <li><code>/log/tile/entries/&lt;N&gt;</code> · {t.t('log.audit.entries')}</li>
              <li><code>/log/proof/inclusion?credential=…</code> · {t.t('log.audit.proofs')}</li>
            </ul>
          </Card>
        </div>
      </div>
    </div>
  )
}
