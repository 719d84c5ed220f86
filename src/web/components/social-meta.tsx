// Link previews for a shared page: OpenGraph and Twitter card tags, every URL absolute. Pass the
// result as `head` to render().

/** What a link preview shows. */
export interface SocialMetaProps {
  title: string
  description: string
  /** The page's canonical absolute URL. */
  url: string
  /** An absolute http(s) image URL; left out when there is none. */
  image?: string | undefined
  imageAlt?: string | undefined
  /** `profile` for a person's page; `website` otherwise. */
  type?: 'website' | 'profile'
}

/** The tags; a non-absolute image is left out rather than sent as a broken preview. */
export function SocialMeta({ title, description, url, image, imageAlt, type = 'website' }: SocialMetaProps) {
  const img = image && /^https?:\/\//.test(image) ? image : undefined
  const text = description.slice(0, 300)
  return (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content={type} />
      <meta property="og:site_name" content="Emblem" />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={text} />
      <meta property="og:url" content={url} />
      {img && <meta property="og:image" content={img} />}
      {img && imageAlt && <meta property="og:image:alt" content={imageAlt} />}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={text} />
      {img && <meta name="twitter:image" content={img} />}
      {img && imageAlt && <meta name="twitter:image:alt" content={imageAlt} />}
    </>
  )
}
