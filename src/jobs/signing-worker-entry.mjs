// Worker threads start outside tsx's loader: register it, then load the TypeScript signing worker.
import { register } from 'tsx/esm/api'

register()
await import('./signing-worker.ts')
