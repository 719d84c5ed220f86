import { credentialFreshnessSuite } from './credential-freshness-suite.js'

// What kept credential pages and reports show on the next request, on SQLite.
credentialFreshnessSuite('sqlite')
