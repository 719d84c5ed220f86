// What the operations tests (backup and restore, master-key rotation, log witnesses) share: running a CLI
// command in-process with its environment, issuing one credential through a running server, and waiting
// for the log's checkpoint to cover a size.
import { vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { SeededInstance } from './emblem-process.js'

/** Runs `emblem <argv>` in this process with `env` set for the call; its exit code and output. */
export async function runCli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  let out = ''
  let err = ''
  try {
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '' })
    return { code, out, err }
  } finally {
    vi.unstubAllEnvs()
  }
}

/** Issues one credential to learner-<n>@example.org through the API of the server at `base`; its id. */
export async function issueOne(base: string, seeded: SeededInstance, n: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { email: `learner-${n}@example.org`, name: `Learner ${n}` } }),
  })
  if (res.status !== 201) throw new Error(`issuing answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { id: string }).id
}

/** Waits (up to 20 s) until the server's signed checkpoint covers at least `size` entries. */
export async function waitForCheckpoint(base: string, size: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (Number((await (await fetch(`${base}/log/checkpoint`)).text()).split('\n')[1]) >= size) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the checkpoint never reached ${size}`)
}
