// Worker threads start outside tsx's loader: register it, then load the TypeScript credential worker.
import { register } from 'tsx/esm/api'

register()
await import('./credential-worker.ts')
