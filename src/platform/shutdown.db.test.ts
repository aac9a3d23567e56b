/**
 * Graceful shutdown of the real process (issue: "graceful shutdown on SIGTERM: in-flight requests
 * finish, nothing half-written"), and a bad setting stopping the start with a clear message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, spawnService, waitReady, type ServerProcess } from '../../bench/server-process';

const dirs: string[] = [];
const procs: ServerProcess[] = [];
afterAll(() => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('process lifecycle', () => {
  it('SIGTERM lets the request in flight finish, then exits 0 with the data intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shutdown-'));
    dirs.push(dataDir);
    const port = await freePort();
    const p = spawnService({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SEED: 'false', LOG_LEVEL: 'info' });
    procs.push(p);
    await waitReady(p);

    // A request whose body arrives slowly: in flight when SIGTERM comes.
    const body = JSON.stringify({ note: 'Hồ sơ gửi chậm qua mạng yếu', padding: 'x'.repeat(200) });
    const bytes = Buffer.from(body);
    const sock = connect(port, '127.0.0.1');
    let response = '';
    sock.on('data', (d) => (response += d));
    const closed = new Promise<void>((r) => sock.on('close', () => r()));
    await new Promise<void>((r) => sock.on('connect', () => r()));
    sock.write(
      `POST /api/v1/slow-upload-test HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
    );
    sock.write(bytes.subarray(0, 20));
    await sleep(300);

    p.child.kill('SIGTERM');
    await sleep(800);
    expect(p.child.exitCode).toBeNull(); // still waiting for our request
    // no new connections are taken meanwhile
    await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status)).rejects.toThrow();
    sock.end(bytes.subarray(20));
    await closed;
    const { code } = await p.exited;
    expect(response).toMatch(/^HTTP\/1\.1 (\d{3})/);
    expect(response).not.toMatch(/^HTTP\/1\.1 5\d\d/);
    expect(response).toMatch(/\r\n\r\n.+/s); // a full response with a body
    expect(code).toBe(0);
    expect(p.output()).toContain('stopped cleanly');

    // the embedded database was closed properly: it opens again and the audit chain verifies
    const { DATABASE_URL: _pg, ...env } = process.env;
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts'], {
      cwd: repoRoot,
      env: { ...env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(out).toMatch(/Audit log OK/);
  });

  it('a bad setting stops the start with a message naming it, exit code 1', async () => {
    const p = spawnService({ PORT: 'abc', DATA_DIR: join(tmpdir(), 'never-created') });
    procs.push(p);
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.output()).toMatch(/PORT/);
    expect(p.output()).toMatch(/abc/);
    expect(p.output()).toMatch(/did not start/);
  });
});
