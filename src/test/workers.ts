/** Running background workers in a test: a quiet logger and waiting (real time) for what they do. */

/** A worker logger that prints only errors. */
export const quietLog = { info: () => undefined, warn: () => undefined, error: (o: unknown, m?: string) => console.error(m, o) };

/** Waits (real time) until `check` holds, calling `wake` every 100 ms; on timeout the error shows `state()`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { wake: () => void; state: () => Promise<unknown>; ms?: number },
): Promise<void> {
  const end = Date.now() + (opts.ms ?? 60_000);
  while (Date.now() < end) {
    if (await check()) return;
    opts.wake();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await opts.state())}`);
}
