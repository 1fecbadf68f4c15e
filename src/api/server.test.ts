import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { type Db, openDb } from '../campaign/db.ts';
import { buildServer } from './server.ts';

const TOKEN = 'lab-token-0123456789abcdef';
const TAGS = '@TC:ISO-CLA-001 or @TC:ISO-RB-001 or @TC:ISO-RB-008';
let dir: string;
let db: Db;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  register(); // cucumber imports the TypeScript steps through tsx, as bin/sscc.js does
  dir = mkdtempSync(join(tmpdir(), 'sscc-api-'));
  db = await openDb('memory://');
  app = await buildServer({ db, token: TOKEN, runsDir: join(dir, 'runs'), pollMs: 50 });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown> & Array<Record<string, unknown>>, text, headers: res.headers };
};

/** The events of a run's SSE stream until its end event. */
async function events(runId: number): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const res = await fetch(`${base}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await res.text(); // the server ends the stream after "end"
  return text
    .split('\n\n')
    .filter((b) => b.trim())
    .map((b) => ({ event: /^event: (.*)$/m.exec(b)![1]!, data: JSON.parse(/^data: (.*)$/m.exec(b)![1]!) }));
}

describe('the automation API over HTTP', () => {
  it('serves its OpenAPI document', async () => {
    const r = await call('GET', '/openapi.json', undefined, null);
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.0.3');
    const paths = Object.keys(r.json.paths as object);
    for (const p of [
      '/api/plan',
      '/api/campaigns',
      '/api/campaigns/{name}/samples',
      '/api/campaigns/{name}/runs',
      '/api/runs/{id}/events',
      '/api/runs/{id}/archive',
      '/api/campaigns/{name}/report',
    ])
      expect(paths).toContain(p);
    expect((r.json.components as { securitySchemes: object }).securitySchemes).toHaveProperty('token');
  });

  it('has no open access: no token, a wrong token, refused for reads and writes', async () => {
    for (const [m, p, b] of [
      ['GET', '/api/campaigns'],
      ['POST', '/api/campaigns', { name: 'x', profile: 'sim-reference.yaml' }],
      ['GET', '/api/plan?profile=sim-reference.yaml'],
    ] as const) {
      expect((await call(m, p, b, null)).status).toBe(401);
      expect((await call(m, p, b, 'lab-token-0123456789abcdeX')).status).toBe(401);
    }
    expect((await call('GET', '/api/campaigns')).json).toEqual([]); // nothing was made by the refused calls
    await expect(buildServer({ db, token: 'short' })).rejects.toThrow(/token/);
  });

  it('drives a whole campaign: plan, campaign, samples, runs with progress events, rerun of failures, second build, report, archive', async () => {
    const plan = await call('GET', `/api/plan?profile=sim-reference.yaml&tags=${encodeURIComponent(TAGS)}`);
    expect(plan.status).toBe(200);
    expect((plan.json.cases as Array<{ id: string }>).map((c) => c.id).sort()).toEqual(['ISO-CLA-001', 'ISO-RB-001', 'ISO-RB-008']);
    expect((await call('GET', '/api/plan?profile=../../etc/passwd')).status).toBe(400);

    expect((await call('POST', '/api/campaigns', { name: 'robot', profile: 'sim-reference.yaml' })).status).toBe(201);
    expect((await call('POST', '/api/campaigns', { name: 'robot', profile: 'sim-reference.yaml' })).status).toBe(400);
    expect((await call('POST', '/api/campaigns/robot/samples', { name: 'good' })).status).toBe(201);
    expect((await call('POST', '/api/campaigns/robot/samples', { name: 'bad', defects: ['read-binary-ignores-offset'] })).status).toBe(201);
    expect((await call('POST', '/api/campaigns/nope/samples', { name: 'x' })).status).toBe(404);

    const started = await call('POST', '/api/campaigns/robot/runs', { build: '1', tags: TAGS });
    expect(started.status).toBe(202);
    const runs = started.json.runs as Array<{ id: number; sample: string; scenarios: number }>;
    expect(runs.map((r) => r.sample)).toEqual(['good', 'bad']);
    for (const r of runs) {
      const ev = await events(r.id);
      const cases = ev.filter((e) => e.event === 'case');
      expect(cases).toHaveLength(3); // one event per finished case
      expect(new Set(cases.map((c) => c.data.id)).size).toBe(3);
      expect(ev.at(-1)).toMatchObject({ event: 'end', data: { status: 'done', cases: 3 } });
    }
    const bad = await call('GET', `/api/runs/${runs[1]!.id}`);
    expect((bad.json.cases as Array<{ case_id: string; verdict: string }>).find((c) => c.case_id === 'ISO-RB-001')?.verdict).toBe('FAIL');

    const rerun = await call('POST', '/api/campaigns/robot/runs', { build: '1', tags: TAGS, rerunFailed: true });
    expect(rerun.json.runs as Array<{ sample: string; scenarios: number }>).toEqual([expect.objectContaining({ sample: 'bad', scenarios: 1 })]);
    await events((rerun.json.runs as Array<{ id: number }>)[0]!.id);

    const second = await call('POST', '/api/campaigns/robot/runs', { build: '2', tags: TAGS, defects: ['read-binary-ignores-access-condition'] });
    for (const r of second.json.runs as Array<{ id: number }>) await events(r.id);

    const report = await call('GET', '/api/campaigns/robot/report');
    expect(report.json.schema).toBe('sscc-campaign-report/1');
    const b2 = (report.json.builds as Array<{ name: string; changes?: { list: Array<{ kind: string; id: string }> } }>).find((b) => b.name === '2')!;
    expect(b2.changes!.list).toEqual([expect.objectContaining({ kind: 'regression', id: 'ISO-RB-008' })]);
    const html = await call('GET', '/api/campaigns/robot/report?format=html');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('ISO-RB-008');

    const runReport = await call('GET', `/api/runs/${runs[0]!.id}/report`);
    expect(runReport.json.schema).toBe('sscc-report/1');
    const archive = await fetch(`${base}/api/runs/${runs[0]!.id}/archive`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const tgz = Buffer.from(await archive.arrayBuffer());
    expect(tgz.subarray(0, 2).toString('hex')).toBe('1f8b');
    expect(gunzipSync(tgz).toString('latin1')).toContain('attempt-1/messages.ndjson');
  });
});
