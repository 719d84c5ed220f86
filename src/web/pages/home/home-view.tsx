// The home page: what Emblem is, for whom, how trust works, and where each person starts.
import { usePage } from '../../kit/env.js'
import { Icon, type IconName } from '../../components/icons.js'

/** What the home page shows about this instance. */
export interface HomeModel {
  publicUrl: string
  /** Entries in the transparency log at the latest checkpoint, when the instance publishes one. */
  logSize?: number | undefined
}

/** A credential drawn as the hero's illustration: a badge, a name and the verified seal. */
function HeroIllustration() {
  const { t } = usePage()
  return (
    <div class="hero-art" aria-hidden="true">
      <div class="hero-card">
        <svg viewBox="0 0 200 200" class="hero-badge">
          <defs>
            <linearGradient id="hero-g1" x1="0" y1="0" x2="1" y2="1">
              <stop offset="0" stop-color="#6366f1" />
              <stop offset="1" stop-color="#8b5cf6" />
            </linearGradient>
            <linearGradient id="hero-g2" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0" stop-color="#fff" stop-opacity="0.35" />
              <stop offset="1" stop-color="#fff" stop-opacity="0" />
            </linearGradient>
          </defs>
          <path d="M70 130 L52 190 L100 168 L148 190 L130 130Z" fill="#4338ca" />
          <path d="M100 10 l17 12 21-2 8 19 19 9-2 21 12 17-12 17 2 21-19 9-8 19-21-2-17 12-17-12-21 2-8-19-19-9 2-21-12-17 12-17-2-21 19-9 8-19 21 2z" fill="url(#hero-g1)" />
          <circle cx="100" cy="86" r="52" fill="none" stroke="#fff" stroke-opacity="0.6" stroke-width="3" />
          <path d="M100 10 l17 12 21-2 8 19 19 9-2 21 12 17-12 17 2 21-19 9-8 19-21-2-17 12-17-12-21 2-8-19-19-9 2-21-12-17 12-17-2-21 19-9 8-19 21 2z" fill="url(#hero-g2)" />
          <path d="M78 88 l15 15 30-32" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <div class="hero-card-body">
          <span class="eyebrow">{t.t('home.art.kind')}</span>
          <strong>{t.t('home.art.name')}</strong>
          <span class="muted small">{t.t('home.art.issuer')}</span>
          <span class="pill ok"><Icon name="shield" />{t.t('home.art.verified')}</span>
        </div>
      </div>
      <ul class="hero-checks">
        <li><Icon name="check" />{t.t('home.art.signature')}</li>
        <li><Icon name="check" />{t.t('home.art.status')}</li>
        <li><Icon name="check" />{t.t('home.art.log')}</li>
      </ul>
    </div>
  )
}

function Feature({ icon, title, children, id }: { icon: IconName; title: string; children: string; id: string }) {
  return (
    <section class="card" aria-labelledby={id}>
      <span class="feature-icon"><Icon name={icon} /></span>
      <h2 id={id} class="h3">{title}</h2>
      <p class="muted">{children}</p>
    </section>
  )
}

/** The home page. */
export function HomeView({ model }: { model: HomeModel }) {
  const { t, user } = usePage()
  return (
    <>
      <section class="hero">
        <div class="container hero-grid">
          <div>
            <span class="eyebrow">{t.t('home.hero.eyebrow')}</span>
            <h1>{t.t('home.hero.title')}</h1>
            <p class="lead">{t.t('home.hero.lead')}</p>
            <div class="actions">
              {user ? (
                <a class="button lg" href="/dashboard">{t.t('home.cta.dashboard')}<Icon name="arrowRight" /></a>
              ) : (
                <>
                  <a class="button lg" href="/sign-up">{t.t('home.cta.start')}<Icon name="arrowRight" /></a>
                  <a class="button lg secondary" href="/sign-in">{t.t('common.nav.signIn')}</a>
                </>
              )}
            </div>
          </div>
          <HeroIllustration />
        </div>
      </section>
      <div class="container">
        <div class="grid cols-3">
          <Feature icon="building" title={t.t('home.issuers.title')} id="for-issuers">{t.t('home.issuers.text')}</Feature>
          <Feature icon="award" title={t.t('home.learners.title')} id="for-learners">{t.t('home.learners.text')}</Feature>
          <Feature icon="shield" title={t.t('home.employers.title')} id="for-employers">{t.t('home.employers.text')}</Feature>
        </div>
        <section class="section trust-band" aria-labelledby="trust-title">
          <div>
            <span class="eyebrow">{t.t('home.trust.eyebrow')}</span>
            <h2 id="trust-title">{t.t('home.trust.title')}</h2>
            <p class="muted">{t.t('home.trust.lead')}</p>
            <p><a href="/log">{t.t('home.trust.link')}</a></p>
          </div>
          <ol class="steps">
            <li><span class="step-icon"><Icon name="key" /></span><div><strong>{t.t('home.trust.step1.title')}</strong><p class="muted">{t.t('home.trust.step1.text')}</p></div></li>
            <li><span class="step-icon"><Icon name="shield" /></span><div><strong>{t.t('home.trust.step2.title')}</strong><p class="muted">{t.t('home.trust.step2.text')}</p></div></li>
            <li><span class="step-icon"><Icon name="tree" /></span><div><strong>{t.t('home.trust.step3.title')}</strong><p class="muted">{t.t('home.trust.step3.text')}</p></div></li>
          </ol>
        </section>
        <section class="section" aria-labelledby="instance-title">
          <h2 id="instance-title">{t.t('home.instance.title')}</h2>
          <dl class="fact-tiles">
            <div><dt>{t.t('home.instance.address')}</dt><dd class="mono">{model.publicUrl}</dd></div>
            {model.logSize !== undefined && <div><dt>{t.t('home.instance.logSize')}</dt><dd><a href="/log">{t.number(model.logSize)}</a></dd></div>}
            <div><dt>{t.t('home.instance.standards')}</dt><dd>Open Badges 3.0 · VC 2.0</dd></div>
            <div><dt>{t.t('home.instance.health')}</dt><dd><a href="/healthz">/healthz</a></dd></div>
          </dl>
        </section>
      </div>
    </>
  )
}
