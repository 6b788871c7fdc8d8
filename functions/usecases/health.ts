import type { HealthProbes } from '../ports/health'

async function check(probe: () => Promise<string>) {
  try {
    return { ok: true, detail: await probe() }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

export async function health(probes: HealthProbes) {
  const [dynamodb, storage] = await Promise.all([check(() => probes.table()), check(() => probes.bucket())])
  return { status: dynamodb.ok && storage.ok ? ('ok' as const) : ('degraded' as const), checks: { dynamodb, s3: storage } }
}
