// The API reference, drawn from the OpenAPI document this instance serves: how to authenticate,
// what errors look like, then every operation grouped by resource, each section opening with an
// index of its operations. No script needed.
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { operationsByTag, resolve, type OpenApiDocument } from './openapi-model.js'
import { OperationCard } from './operation-card.js'
import { InlineText } from './schema-fields.js'

const slugOf = (tag: string) => `tag-${tag.replace(/[^A-Za-z0-9_-]+/g, '-')}`

/** The Problem schema's first example, pretty-printed (what an error body looks like). */
function problemExample(doc: OpenApiDocument): string | undefined {
  const example = resolve(doc, { $ref: '#/components/schemas/Problem' })?.examples?.[0]
  return example === undefined ? undefined : JSON.stringify(example, null, 2)
}

/** The reference page. */
export function ApiDocsView({ doc, base }: { doc: OpenApiDocument; base: string }) {
  const t = useT()
  const groups = operationsByTag(doc)
  const count = groups.reduce((n, g) => n + g.operations.length, 0)
  const schemes = Object.entries(doc.components?.securitySchemes ?? {})
  const example = problemExample(doc)
  return (
    <div class="container page api-docs">
      <PageHeader
        eyebrow={t.t('api.eyebrow', { version: doc.info.version })}
        title={t.t('api.title')}
        lead={t.t('api.lead', { count })}
        actions={<a class="button secondary" href="/api/openapi.json"><Icon name="download" />{t.t('api.download')}</a>}
      />
      <div class="api-layout">
        <nav class="api-toc" aria-label={t.t('api.toc')}>
          <ul>
            <li><a href="#authentication">{t.t('api.auth.title')}</a></li>
            <li><a href="#errors">{t.t('api.errors.title')}</a></li>
            {groups.map((g) => (
              <li>
                <a href={`#${slugOf(g.tag)}`}>{g.tag}</a>
                <span class="count">{g.operations.length}</span>
              </li>
            ))}
          </ul>
        </nav>
        <div class="api-main stack-lg">
          <section class="card" id="authentication" aria-labelledby="authentication-title">
            <h2 id="authentication-title">{t.t('api.auth.title')}</h2>
            <p>{t.t('api.auth.text')}</p>
            {schemes.length > 0 && (
              <dl class="api-schemes">
                {schemes.map(([name, scheme]) => (
                  <>
                    <dt><code>{scheme.in === 'header' || scheme.in === 'cookie' ? `${scheme.name} (${scheme.in})` : `Authorization: Bearer`}</code> <span class="muted small">{name}</span></dt>
                    <dd><InlineText text={scheme.description} /></dd>
                  </>
                ))}
              </dl>
            )}
            <pre><code>{`curl -H 'Authorization: Bearer emb_…' ${base}/api/v1/orgs`}</code></pre>
          </section>
          <section class="card" id="errors" aria-labelledby="errors-title">
            <h2 id="errors-title">{t.t('api.errors.title')}</h2>
            <p>{t.t('api.errors.text')}</p>
            {example && <pre><code>{example}</code></pre>}
          </section>
          {groups.map((g) => (
            <section id={slugOf(g.tag)} aria-labelledby={`${slugOf(g.tag)}-title`} class="stack api-group">
              <h2 id={`${slugOf(g.tag)}-title`}>{g.tag}</h2>
              {g.description && <p class="muted"><InlineText text={g.description} /></p>}
              <ul class="api-index" aria-label={t.t('api.indexOf', { tag: g.tag })}>
                {g.operations.map((op) => (
                  <li>
                    <a href={`#${op.anchor}`}>
                      <span class={`method method-${op.method}`}>{op.method.toUpperCase()}</span>
                      <code class="api-index-path">{op.path}</code>
                      <span class="api-index-summary">{op.operation.summary}</span>
                    </a>
                  </li>
                ))}
              </ul>
              {g.operations.map((op) => <OperationCard doc={doc} op={op} base={base} />)}
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
