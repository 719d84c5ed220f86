import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoSkills } from '../../../src/app/skills/seed-demo-skills.js'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// The achievement pages as a browser without JavaScript uses them: list, editor with the skills
// picker, view with publish / archive, and the badge designer and upload.

let t: TestPlatform
let owner: TestSession, viewer: TestSession, stranger: TestSession
let org: TestOrg

beforeAll(async () => {
  t = await startTestPlatform()
  ;[owner, viewer, stranger] = await Promise.all([t.seedUser(), t.seedUser(), t.seedUser()])
  org = await t.seedOrg({ owner, name: 'Northbridge University', withKey: false })
  await t.seedMember(org, viewer, 'viewer')
  await seedDemoSkills(t.store.repos.skills)
})
afterAll(() => t.close())

const form = {
  name: 'Accessible Web Design',
  description: 'Builds web pages everyone can use.',
  achievementType: 'MicroCredential',
  tags: 'accessibility, web',
  criteriaNarrative: 'Audit and fix a real site.',
  learningOutcomes: 'Apply WCAG 2.2 AA\nTest with a screen reader',
  workloadHours: '50',
  ects: '2',
  eqfLevel: '5',
  participation: 'blended',
  assessmentType: 'Portfolio',
  validityMonths: '36',
  'result.0.name': 'Level',
  'result.0.resultType': 'PerformanceLevel',
  'result.0.allowedValues': 'Pass, Merit',
}
const page = (path: string, as: TestSession = owner) => t.request(path, { as, headers: { accept: 'text/html' } })
const idFrom = (res: Response) => res.headers.get('location')!.split('/').pop()!

async function createViaForm(fields: Record<string, string> = form): Promise<string> {
  const res = await t.submitForm(`/orgs/${org.slug}/achievements/new`, { intent: 'save', ...fields }, owner)
  expect(res.status).toBe(303)
  return idFrom(res)
}

/** Gives the achievement a designed badge through the designer (publishing needs an image). */
async function giveBadge(id: string): Promise<void> {
  const design = { shape: 'circle', icon: 'star', background: '#1f4e79', foreground: '#ffffff', accent: '#ffffff', title: 'Badge', subtitle: '', intent: 'save' }
  expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/image`, design, owner)).status).toBe(303)
}

describe('the achievements list', () => {
  it('shows admins a button to create one, and viewers only the list', async () => {
    await createViaForm({ ...form, name: 'Listed achievement' })
    const asOwner = await (await page(`/orgs/${org.slug}/achievements`)).text()
    expect(asOwner).toContain('Listed achievement')
    expect(asOwner).toContain(`href="/orgs/${org.slug}/achievements/new"`)
    const asViewer = await page(`/orgs/${org.slug}/achievements`, viewer)
    expect(asViewer.status).toBe(200)
    const text = await asViewer.text()
    expect(text).toContain('Listed achievement')
    expect(text).not.toContain('New achievement')
    expect(text).toMatch(/<ul class="badge-grid">.*Listed achievement.*<span class="pill" data-state="draft">/s)
  })

  it('filters by state without JavaScript, through a GET form', async () => {
    const id = await createViaForm({ ...form, name: 'Soon published' })
    await giveBadge(id)
    await t.submitForm(`/orgs/${org.slug}/achievements/${id}/publish`, {}, owner)
    const published = await (await page(`/orgs/${org.slug}/achievements?state=published`)).text()
    expect(published).toContain('Soon published')
    expect(published).not.toContain('Listed achievement')
    expect(published).toMatch(/<option value="published" selected="">/)
  })

  it('hides the organization from outsiders and sends anonymous browsers to sign in', async () => {
    expect((await page(`/orgs/${org.slug}/achievements`, stranger)).status).toBe(404)
    const anonymous = await t.request(`/orgs/${org.slug}/achievements`, { headers: { accept: 'text/html' } })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toContain('/sign-in?next=')
    expect((await page(`/orgs/${org.slug}/achievements/new`, viewer)).status).toBe(403)
  })
})

describe('the achievement editor', () => {
  it('groups the OB 3.0 fields and the EU elements in labelled fieldsets', async () => {
    const html = await (await page(`/orgs/${org.slug}/achievements/new`)).text()
    for (const legend of ['About the achievement', 'Criteria', 'EU micro-credential elements', 'Results', 'Skills and alignments'])
      expect(html).toContain(`<fieldset class="form-section"${legend === 'Results' ? ' id="field-results"' : legend.startsWith('Skills') ? ' id="field-alignments"' : ''}><legend>${legend}</legend>`)
    expect(html).toContain('<label for="field-eqfLevel">EQF level</label>')
    expect(html).toContain('name="_csrf"')
  })

  it('creates a draft from the form and shows it after a redirect', async () => {
    const id = await createViaForm()
    const record = (await t.store.repos.achievements.get(org.id, id))!
    expect(record).toMatchObject({ state: 'draft', name: 'Accessible Web Design' })
    expect(record.definition).toMatchObject({ ects: 2, eqfLevel: 5, workloadHours: 50, tag: ['accessibility', 'web'], learningOutcomes: ['Apply WCAG 2.2 AA', 'Test with a screen reader'] })
    expect(record.definition.resultDescription).toMatchObject([{ name: 'Level', resultType: 'PerformanceLevel', allowedValue: ['Pass', 'Merit'] }])
    const view = await (await page(`/orgs/${org.slug}/achievements/${id}`)).text()
    expect(view).toContain('<dt>Workload (hours)</dt><dd>50 hours</dd>')
    expect(view).toContain('<dt>ECTS credits</dt><dd>2</dd>')
    expect(view).toContain('<dt>Expiry</dt><dd>36 months after issue</dd>')
    expect(view).toContain('Apply WCAG 2.2 AA')
  })

  it('shows the form again with 422, the input kept and each message beside its field', async () => {
    const res = await t.submitForm(`/orgs/${org.slug}/achievements/new`, { ...form, intent: 'save', name: '', ects: 'two', criteriaUrl: 'javascript:alert(1)' }, owner)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('role="alert"')
    expect(html).toMatch(/<a href="#field-name">Name: This is required.<\/a>/)
    expect(html).toMatch(/<a href="#field-ects">ECTS credits: must be a number<\/a>/)
    expect(html).toMatch(/id="field-criteriaUrl"[^>]*aria-describedby="field-criteriaUrl-hint field-criteriaUrl-error"[^>]*aria-invalid="true"/)
    expect(html).toContain('value="two"')
    expect(html).toContain('Apply WCAG 2.2 AA\nTest with a screen reader</textarea>')
  })

  it('searches skills without JavaScript, keeps what was typed, and adds the ticked skill on save', async () => {
    const search = await t.submitForm(`/orgs/${org.slug}/achievements/new`, { ...form, intent: 'search-skills', skillQuery: 'WCAG' }, owner)
    expect(search.status).toBe(200)
    const html = await search.text()
    expect(html).toContain('name="addSkill" value="urn:emblem:skill:web-accessibility"')
    expect(html).toContain('design accessible web content')
    expect(html).toContain('value="Accessible Web Design"')
    const saved = await t.submitForm(`/orgs/${org.slug}/achievements/new`, { ...form, intent: 'save', addSkill: 'urn:emblem:skill:web-accessibility' }, owner)
    expect(saved.status).toBe(303)
    const record = (await t.store.repos.achievements.get(org.id, idFrom(saved)))!
    expect(record.definition.alignment).toEqual([
      {
        targetName: 'design accessible web content',
        targetUrl: 'urn:emblem:skill:web-accessibility',
        targetFramework: 'Emblem demo skills',
        targetCode: 'web-accessibility',
        targetType: 'ceasn:Competency',
        targetDescription: expect.stringContaining('WCAG'),
      },
    ])
  })

  it('says so when no skill matches', async () => {
    const res = await t.submitForm(`/orgs/${org.slug}/achievements/new`, { ...form, intent: 'search-skills', skillQuery: 'underwater basket weaving' }, owner)
    expect(await res.text()).toContain('No skills match “underwater basket weaving”.')
  })

  it('edits an achievement: fields left empty are removed, unticked skills dropped, the version bumped', async () => {
    const id = await createViaForm({ ...form, addSkill: 'urn:emblem:skill:teamwork' } as Record<string, string>)
    const editor = await (await page(`/orgs/${org.slug}/achievements/${id}/edit`)).text()
    expect(editor).toMatch(/name="alignment.0.keep" value="1" checked=""/)
    expect(editor).toContain('<input type="hidden" name="version" value="1"/>')
    const res = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/edit`, { ...form, intent: 'save', version: '1', ects: '', 'alignment.0.json': '{"targetName":"work in teams","targetUrl":"urn:emblem:skill:teamwork"}' }, owner)
    expect(res.status).toBe(303)
    const record = (await t.store.repos.achievements.get(org.id, id))!
    expect(record.version).toBe(2)
    expect(record.definition).not.toHaveProperty('ects')
    expect(record.definition.alignment).toEqual([])
  })

  it('refuses a save made from an outdated form and says why', async () => {
    const id = await createViaForm()
    await t.submitForm(`/orgs/${org.slug}/achievements/${id}/edit`, { ...form, intent: 'save', version: '1', name: 'First' }, owner)
    const stale = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/edit`, { ...form, intent: 'save', version: '1', name: 'Second' }, owner)
    expect(stale.status).toBe(422)
    expect(await stale.text()).toContain('Someone else changed this achievement since you opened it')
  })
})

describe('the achievement page', () => {
  it('publishes from a button, and explains with 422 what is missing when it cannot', async () => {
    const incomplete = await createViaForm({ name: 'Incomplete' })
    const refused = await t.submitForm(`/orgs/${org.slug}/achievements/${incomplete}/publish`, {}, owner)
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('It cannot be published yet')
    expect(html).toContain('<li>Description: Needed before publishing.</li>')
    expect(html).toContain(`<a href="/orgs/${org.slug}/achievements/${incomplete}/edit">Complete it in the editor</a>`)
    const id = await createViaForm()
    await giveBadge(id)
    const published = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/publish`, {}, owner)
    expect(published.status).toBe(303)
    expect(published.headers.get('location')).toBe(`/orgs/${org.slug}/achievements/${id}`)
    const view = await (await page(`/orgs/${org.slug}/achievements/${id}`)).text()
    expect(view).toContain('<span class="pill ok" data-state="published">')
    expect(view).toContain('Archive</button>')
  })

  it('refuses to publish an achievement without a badge image, and links to the designer', async () => {
    const id = await createViaForm()
    const refused = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/publish`, {}, owner)
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('It cannot be published yet')
    expect(html).toContain('<li>Badge image: A badge image is needed before publishing: design or upload one.</li>')
    expect(html).toContain(`<a href="/orgs/${org.slug}/achievements/${id}/image">Design or upload a badge image</a>`)
    expect(html).not.toContain('Complete it in the editor')
    expect((await t.store.repos.achievements.get(org.id, id))!.state).toBe('draft')
    await giveBadge(id)
    expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/publish`, {}, owner)).status).toBe(303)
    expect((await t.store.repos.achievements.get(org.id, id))!.state).toBe('published')
  })

  it('archives and unarchives from buttons, and offers viewers no buttons at all', async () => {
    const id = await createViaForm()
    expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/archive`, {}, owner)).status).toBe(303)
    expect((await t.store.repos.achievements.get(org.id, id))!.state).toBe('archived')
    expect((await page(`/orgs/${org.slug}/achievements/${id}/edit`)).status).toBe(409)
    expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/unarchive`, {}, owner)).status).toBe(303)
    expect((await t.store.repos.achievements.get(org.id, id))!.state).toBe('draft')
    const asViewer = await (await page(`/orgs/${org.slug}/achievements/${id}`, viewer)).text()
    expect(asViewer).not.toMatch(/Publish<\/button>|Archive<\/button>|>Edit</)
    expect((await t.submitForm(`/orgs/${org.slug}/achievements/${id}/archive`, {}, viewer)).status).toBe(403)
  })
})

describe('the badge designer page', () => {
  it('previews a design on the server, then saves it as the achievement’s image', async () => {
    const id = await createViaForm()
    const designer = await page(`/orgs/${org.slug}/achievements/${id}/image`)
    expect(await designer.text()).toContain('value="Accessible Web Design"')
    const design = { shape: 'hexagon', icon: 'lightbulb', background: '#0b3d2e', foreground: '#ffffff', accent: '#f2c14e', title: 'Accessible Web', subtitle: '2026' }
    const preview = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/image`, { ...design, intent: 'preview' }, owner)
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toContain('<svg')
    expect(html).toContain('width="256" height="256"')
    expect((await t.store.repos.achievements.get(org.id, id))!.imageId).toBeNull()
    const saved = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/image`, { ...design, intent: 'save' }, owner)
    expect(saved.status).toBe(303)
    const imageId = (await t.store.repos.achievements.get(org.id, id))!.imageId!
    expect(await (await t.request(`/images/${imageId}`)).text()).toContain('Accessible Web')
    expect(await (await page(`/orgs/${org.slug}/achievements/${id}`)).text()).toContain(`<img src="/images/${imageId}" alt="Badge of Accessible Web Design"`)
  })

  it('names the design field at fault with 422', async () => {
    const id = await createViaForm()
    const res = await t.submitForm(`/orgs/${org.slug}/achievements/${id}/image`, { shape: 'circle', icon: 'star', background: '#777777', foreground: '#808080', accent: '#808080', title: 'Grey', subtitle: '', intent: 'preview' }, owner)
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/Text and icon colour: has contrast 1\.\d:1/)
  })

  it('uploads a PNG as the image, and explains a refused file', async () => {
    const id = await createViaForm()
    const upload = (bytes: Uint8Array, name: string, type: string) => {
      const body = new FormData()
      body.set('_csrf', owner.csrf)
      body.set('file', new File([Buffer.from(bytes)], name, { type }))
      return t.app.request(`/orgs/${org.slug}/achievements/${id}/image/upload`, { method: 'POST', headers: { cookie: owner.cookie }, body })
    }
    const ok = await upload(buildPng(200, 200), 'badge.png', 'image/png')
    expect(ok.status).toBe(303)
    expect((await t.store.repos.achievements.get(org.id, id))!.imageId).toMatch(/^[0-9a-f]{64}$/)
    const jpeg = await upload(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 'photo.jpg', 'image/jpeg')
    expect(jpeg.status).toBe(422)
    expect(await jpeg.text()).toContain('JPEG')
  })
})
