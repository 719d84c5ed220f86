import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { webhooksSuite } from './webhooks-suite.js'

describe.skipIf(!hasPostgres)('webhooks (PostgreSQL)', () => webhooksSuite('postgres'))
