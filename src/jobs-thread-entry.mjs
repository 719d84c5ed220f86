// Worker threads start outside tsx's loader: register it, then load the TypeScript jobs thread (from sources only; dist/ starts jobs-thread.js).
import { register } from 'tsx/esm/api'

register()
await import('./jobs-thread.ts')
