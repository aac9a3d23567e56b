import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { evaluate, type Question } from './assistant/evaluate';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const questions = (JSON.parse(readFileSync(new URL('../../../bench/assistant-questions.json', import.meta.url), 'utf8')) as { questions: Question[] })
  .questions;

describe('virtual assistant', () => {
  const split = (name: Question['split']) => questions.filter((q) => q.split === name);

  it('has the question set as written before tuning: 88 tuning (dev) questions, 50 held out', () => {
    expect([split('dev').length, split('heldout').length, questions.length]).toEqual([88, 50, 138]);
  });
  // The floors are below what docs/benchmarks.md measured (held out: top-1 95.2 %, top-3 100 %, 7 of 8 off-topic abstained).
  it('on the held-out questions alone (not looked at while tuning): top-1 >= 0.9, top-3 >= 0.95 in scope; off-topic abstained >= 0.8', async () => {
    const s = await evaluate(env.ctx, split('heldout'));
    expect(s.top1).toBeGreaterThanOrEqual(0.9);
    expect(s.top3).toBeGreaterThanOrEqual(0.95);
    expect(s.abstained).toBeGreaterThanOrEqual(0.8);
  });
  it('on the tuning questions: top-1 >= 0.9, top-3 >= 0.95 in scope; every off-topic one abstained', async () => {
    const s = await evaluate(env.ctx, split('dev'));
    expect(s.top1).toBeGreaterThanOrEqual(0.9);
    expect(s.top3).toBeGreaterThanOrEqual(0.95);
    expect(s.abstained).toBe(1);
  });
  it('answers POST /api/v1/assistant with what to bring, time, fees and a link', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assistant', payload: { question: 'tôi muốn làm giấy khai sinh cho con' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.procedures[0].code).toBe('1.001193');
    expect(body.answer).toContain('Giấy tờ cần chuẩn bị');
    expect(body.answer).toContain('/thu-tuc/1.001193');
  });
  it('says plainly when it does not know, with the hotline', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assistant', payload: { question: 'tra cuu diem thi tot nghiep' } });
    expect(res.json()).toMatchObject({ known: false, procedures: [] });
    expect(res.json().answer).toContain('Đường dây nóng');
  });
  it('refuses an empty question', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assistant', payload: { question: '' } });
    expect(res.statusCode).toBe(400);
  });
  it('works without JavaScript at /tro-ly and lists the endpoint in OpenAPI', async () => {
    const get = await env.app.inject({ url: '/tro-ly' });
    expect(get.body).toContain('name="question"');
    const doc = (await env.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/assistant'].post).toBeDefined();
    expect(doc.paths['/api/v1/petitions'].post).toBeDefined();
  });
});
