// One operation of the reference: method and path, what it does, its parameters, body, responses
// (with the fields of each success body on demand) and a curl command to start from.
import { CopyButton } from '../../components/copy-button.js'
import { useT } from '../../kit/env.js'
import { curlOf } from './curl-example.js'
import type { OpenApiDocument, PlacedOperation } from './openapi-model.js'
import { FieldList, InlineText, SchemaFields } from './schema-fields.js'

export function OperationCard({ doc, op, base }: { doc: OpenApiDocument; op: PlacedOperation; base: string }) {
  const t = useT()
  const { operation, anchor } = op
  const title = operation.summary ?? op.path
  const params = operation.parameters ?? []
  const body = operation.requestBody?.content ? Object.entries(operation.requestBody.content)[0] : undefined
  const responses = Object.entries(operation.responses ?? {})
  const bodies = responses.flatMap(([status, response]) => {
    const json = Object.entries(response.content ?? {}).find(([type]) => /json$/.test(type))
    return status.startsWith('2') && json?.[1].schema ? [{ status, description: response.description, schema: json[1].schema }] : []
  })
  return (
    <article class="card api-op" id={anchor} aria-labelledby={`${anchor}-title`}>
      <header class="api-op-head">
        <span class={`method method-${op.method}`}>{op.method.toUpperCase()}</span>
        <code class="api-path">{op.path}</code>
        {operation.deprecated && <span class="pill warn">{t.t('api.deprecated')}</span>}
      </header>
      <h3 id={`${anchor}-title`}>{title}</h3>
      {operation.description && <p class="muted"><InlineText text={operation.description} /></p>}
      {params.length > 0 && (
        <>
          <h4>{t.t('api.parameters')}</h4>
          <FieldList
            doc={doc}
            label={t.t('api.parametersOf', { op: title })}
            rows={params.map((p) => ({ name: p.name, schema: p.schema, required: p.required === true, description: p.description ?? p.schema?.description, location: p.in }))}
          />
        </>
      )}
      {body && (
        <>
          <h4>{t.t('api.body')} <code class="media-type">{Object.keys(operation.requestBody?.content ?? {}).join(', ')}</code></h4>
          {operation.requestBody?.description && <p class="muted small"><InlineText text={operation.requestBody.description} /></p>}
          <SchemaFields doc={doc} schema={body[1].schema} label={t.t('api.bodyOf', { op: title })} />
        </>
      )}
      <h4>{t.t('api.responses')}</h4>
      <ul class="api-responses">
        {responses.map(([status, response]) => (
          <li>
            <span class={`status-code s${status[0]}`}>{status}</span>
            <span>
              <InlineText text={response.description} />
              {/* Errors are all problem+json (the Errors section says so); other media types are named. */}
              {response.content && !status.match(/^[45]/) && <> <code class="media-type">{Object.keys(response.content).join(', ')}</code></>}
            </span>
          </li>
        ))}
      </ul>
      {bodies.map((b) => (
        <details class="disclosure api-response-body">
          <summary>{t.t('api.responseBody', { status: b.status })}</summary>
          <div>
            <SchemaFields doc={doc} schema={b.schema} label={t.t('api.responseBodyOf', { status: b.status, op: title })} />
          </div>
        </details>
      ))}
      <details class="disclosure">
        <summary>{t.t('api.example')}</summary>
        <div>
          <pre><code id={`${anchor}-curl`}>{curlOf(base, op)}</code></pre>
          <CopyButton target={`#${anchor}-curl`} />
        </div>
      </details>
    </article>
  )
}
