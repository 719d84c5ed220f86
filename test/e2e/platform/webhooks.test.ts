import { describe } from 'vitest'
import { webhooksSuite } from './webhooks-suite.js'

describe('webhooks (SQLite)', () => webhooksSuite('sqlite'))
