// The API reference, drawn from the OpenAPI document this instance serves: every operation with
// its parameters, body fields, responses and a curl example, grouped by resource, no script needed.
import { CopyButton } from '../../components/copy-button.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { constraintsOf, operationsByTag, propertiesOf, resolve, typeOf, type JsonSchema, type OpenApiDocument, type PlacedOperation } from './openapi-model.js'

/** Rows of a schema's fields, nested objects flattened to dotted names (three levels deep at most). */
function fieldRows(doc: OpenApiDocument, schema: JsonSchema | undefined, prefix = '', depth = 0): { name: string; schema: JsonSchema; required: boolean }[] {
  if (depth > 2) return []
  return propertiesOf(doc, schema).flatMap((field) => {
    const name = `${prefix}${field.name}`
    const resolved = resolve(doc, field.schema)
    const nested = resolved?.type === 'array' ? resolve(doc, resolved.items) : resolved
    const childPrefix = resolved?.type === 'array' ? `${name}[].` : `${name}.`
    return [{ ...field, name }, ...(nested?.properties || nested?.allOf ? fieldRows(doc, nested, childPrefix, depth + 1) : [])]
  })
}

function SchemaTable({ doc, schema, caption }: { doc: OpenApiDocument; schema: JsonSchema | undefined; caption: string }) {
  const t = useT()
  const rows = fieldRows(doc, schema)
  if (rows.length === 0) return <p class="muted small"><code>{typeOf(doc, schema)}</code></p>
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table class="api-fields">
        <caption class="sr-only">{caption}</caption>
        <thead><tr><th scope="col">{t.t('api.field')}</th><th scope="col">{t.t('api.type')}</th><th scope="col">{t.t('api.description')}</th></tr></thead>
        <tbody>
          {rows.map((row) => {
            const resolved = resolve(doc, row.schema)
            const constraints = constraintsOf(doc, row.schema)
            return (
              <tr>
                <th scope="row"><code>{row.name}</code>{row.required && <span class="required-mark"> {t.t('api.required')}</span>}</th>
                <td><code class="api-type">{typeOf(doc, row.schema)}</code></td>
                <td>
                  {resolved?.description ?? row.schema.description}
                  {constraints.length > 0 && <span class="api-constraints">{constraints.join(' · ')}</span>}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** A curl command for an operation, with placeholders for its path parameters. */
function curlOf(base: string, op: PlacedOperation): string {
  const lines = [`curl -X ${op.method.toUpperCase()} '${base}${op.path}'`]
  if (op.operation.security?.length !== 0 && op.path.startsWith('/api/v1/orgs')) lines.push(`  -H 'Authorization: Bearer emb_…'`)
  const media = Object.keys(op.operation.requestBody?.content ?? {})[0]
  if (media) lines.push(`  -H 'Content-Type: ${media}'`, media === 'application/json' ? `  -d '{…}'` : `  --data-binary @file`)
  return lines.join(' \\\n')
}

function OperationCard({ doc, op, base }: { doc: OpenApiDocument; op: PlacedOperation; base: string }) {
  const t = useT()
  const { operation } = op
  const params = operation.parameters ?? []
  const body = operation.requestBody?.content ? Object.entries(operation.requestBody.content)[0] : undefined
  return (
    <article class="card api-op" id={op.anchor} aria-labelledby={`${op.anchor}-title`}>
      <header class="api-op-head">
        <span class={`method method-${op.method}`}>{op.method.toUpperCase()}</span>
        <code class="api-path">{op.path}</code>
        {operation.deprecated && <span class="pill warn">{t.t('api.deprecated')}</span>}
      </header>
      <h3 id={`${op.anchor}-title`}>{operation.summary ?? op.path}</h3>
      {operation.description && <p class="muted">{operation.description}</p>}
      {params.length > 0 && (
        <>
          <h4>{t.t('api.parameters')}</h4>
          <div class="table-wrap" role="region" aria-label={t.t('api.parametersOf', { op: operation.summary ?? op.path })} tabindex={0}>
            <table class="api-fields">
              <thead><tr><th scope="col">{t.t('api.name')}</th><th scope="col">{t.t('api.in')}</th><th scope="col">{t.t('api.type')}</th><th scope="col">{t.t('api.description')}</th></tr></thead>
              <tbody>
                {params.map((p) => (
                  <tr>
                    <th scope="row"><code>{p.name}</code>{p.required && <span class="required-mark"> {t.t('api.required')}</span>}</th>
                    <td>{p.in}</td>
                    <td><code class="api-type">{typeOf(doc, p.schema)}</code></td>
                    <td>{p.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {body && (
        <>
          <h4>{t.t('api.body')} <code class="media-type">{body[0]}</code></h4>
          {operation.requestBody?.description && <p class="muted small">{operation.requestBody.description}</p>}
          <SchemaTable doc={doc} schema={body[1].schema} caption={t.t('api.bodyOf', { op: operation.summary ?? op.path })} />
        </>
      )}
      <h4>{t.t('api.responses')}</h4>
      <ul class="api-responses">
        {Object.entries(operation.responses ?? {}).map(([status, response]) => (
          <li>
            <span class={`status-code s${status[0]}`}>{status}</span>
            <span>{response.description}</span>
            {response.content && <code class="media-type">{Object.keys(response.content)[0]}</code>}
          </li>
        ))}
      </ul>
      <details class="disclosure">
        <summary>{t.t('api.example')}</summary>
        <div>
          <pre><code id={`${op.anchor}-curl`}>{curlOf(base, op)}</code></pre>
          <CopyButton target={`#${op.anchor}-curl`} />
        </div>
      </details>
    </article>
  )
}

/** The reference page. */
export function ApiDocsView({ doc, base }: { doc: OpenApiDocument; base: string }) {
  const t = useT()
  const groups = operationsByTag(doc)
  const count = groups.reduce((n, g) => n + g.operations.length, 0)
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
                <a href={`#tag-${g.tag.replace(/[^A-Za-z0-9_-]+/g, '-')}`}>{g.tag}</a>
                <span class="count">{g.operations.length}</span>
              </li>
            ))}
          </ul>
        </nav>
        <div class="api-main stack-lg">
          <section class="card" id="authentication" aria-labelledby="authentication-title">
            <h2 id="authentication-title">{t.t('api.auth.title')}</h2>
            <p>{t.t('api.auth.text')}</p>
            <pre><code>{`curl -H 'Authorization: Bearer emb_…' ${base}/api/v1/me`}</code></pre>
          </section>
          <section class="card" id="errors" aria-labelledby="errors-title">
            <h2 id="errors-title">{t.t('api.errors.title')}</h2>
            <p>{t.t('api.errors.text')}</p>
            <pre><code>{'{\n  "type": "urn:emblem:problem:err-input-invalid",\n  "title": "Invalid input",\n  "status": 400,\n  "detail": "recipient.email: is not an e-mail address",\n  "code": "ERR_INPUT_INVALID",\n  "errors": [{ "path": "recipient.email", "code": "invalid_email", "message": "is not an e-mail address" }]\n}'}</code></pre>
          </section>
          {groups.map((g) => (
            <section id={`tag-${g.tag.replace(/[^A-Za-z0-9_-]+/g, '-')}`} aria-labelledby={`tag-${g.tag.replace(/[^A-Za-z0-9_-]+/g, '-')}-title`} class="stack">
              <h2 id={`tag-${g.tag.replace(/[^A-Za-z0-9_-]+/g, '-')}-title`}>{g.tag}</h2>
              {g.description && <p class="muted">{g.description}</p>}
              {g.operations.map((op) => <OperationCard doc={doc} op={op} base={base} />)}
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
