/**
 * The yardstick of bench:http: a bare Fastify 5 route (no logger, no hooks, no plugins) that
 * answers GET /page/:bytes with an HTML page of exactly that many bytes. Run as a child process
 * by bench/http.ts with PORT set.
 */
import Fastify from 'fastify';

const pages = new Map<number, string>();
function page(bytes: number): string {
  let p = pages.get(bytes);
  if (!p) {
    const head = '<!doctype html><html lang="vi"><meta charset="utf-8"><title>bench</title><p>';
    const tail = '</p></html>';
    p = head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
    pages.set(bytes, p);
  }
  return p;
}

const app = Fastify({ logger: false });
app.get<{ Params: { bytes: string } }>('/page/:bytes', async (req, reply) => {
  const n = Math.min(Math.max(Number(req.params.bytes) || 0, 0), 5_000_000);
  reply.type('text/html; charset=utf-8');
  return page(n);
});
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
