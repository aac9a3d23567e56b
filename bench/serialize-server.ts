/**
 * The server of bench:serialize, run as a child process by bench/serialize.ts: the same answer (ANSWER_FILE, a real
 * procedure-search page) served through api() twice, GET /with declaring the route's response schema (serialized by
 * fast-json-stringify) and GET /without declaring none (JSON.stringify). No logger, hooks or plugins: only the
 * serializer differs. Listens on PORT.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { api } from '../src/platform/http/api';
import { searchResponse } from '../src/modules/catalogue/routes';

const answer: unknown = JSON.parse(readFileSync(process.env.ANSWER_FILE!, 'utf8'));
const app = Fastify({ logger: false });
app.decorateRequest('lang', 'vi');
const common = { method: 'GET' as const, summary: 'bench', tags: ['bench'], handler: async () => answer };
api(app, { ...common, url: '/with', response: searchResponse });
api(app, { ...common, url: '/without' });
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
