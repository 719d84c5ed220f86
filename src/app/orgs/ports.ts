/** An organization as stored. */
export interface OrgRecord {
  id: string
  slug: string
  name: string
  description: string
  url: string | null
  email: string | null
  country: string | null
  logoImageId: string | null
  /** How its credentials are signed. */
  suite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'vc-jwt'
  createdAt: string
}

/** The organizations repository. */
export interface OrgsRepo {
  /** The organization with this id, or undefined. */
  get(id: string): Promise<OrgRecord | undefined>
}
