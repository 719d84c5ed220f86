import type { Child } from 'hono/jsx'
import { Icon } from './icons.js'

/** A credential or achievement as a tile: its badge image on top, name, who issued it, pills below. */
export function BadgeTile({ image, imageAlt, name, meta, href, footer, headingLevel = 3 }: { image?: string | undefined; imageAlt: string; name: Child; meta?: Child; href?: string; footer?: Child; headingLevel?: 2 | 3 }) {
  const content = (
    <>
      <div class="badge-art">
        {image ? <img src={image} alt={imageAlt} loading="lazy" width="144" height="144" /> : <span class="badge-placeholder"><Icon name="award" label={imageAlt} class="icon" /></span>}
      </div>
      <div class="badge-body">
        {headingLevel === 2 ? <h2 class="badge-name">{name}</h2> : <h3 class="badge-name">{name}</h3>}
        {meta && <span class="badge-meta">{meta}</span>}
        {footer && <span class="badge-foot">{footer}</span>}
      </div>
    </>
  )
  return href ? <a class="badge-tile" href={href}>{content}</a> : <div class="badge-tile">{content}</div>
}
