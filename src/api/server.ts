/**
 * The automation API (`sscc serve`, issue 22): what a card robot or a lab's test manager calls. fastify,
 * its OpenAPI document at /openapi.json (from the routes' own JSON schemas, @fastify/swagger), bound to
 * localhost unless told otherwise. Every /api route needs the lab's token (Authorization: Bearer …):
 * there is no open access, read or write. A run's progress is a Server-Sent Events stream, one event per
 * finished case, read from the database, so it follows runs of stations on other machines too.
 */
import { spawn } from 'node:child_process';
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import type { Db } from '../campaign/db.ts';
import { ROOT, executePrepared, newCampaign, prepareCampaign, prepareRerun } from '../campaign/campaign.ts';
import { campaignReport, renderCampaignHtml } from '../campaign/report.ts';
import { CampaignError, addSample, builds, campaignByName, listCampaigns, runById, runCases, runsOf, samples } from '../campaign/store.ts';
import { loadProfile } from '../profile/load.ts';
import { buildPlan } from '../plan/plan.ts';

export interface ServerOptions {
  db: Db;
  /** The lab's token; required. */
  token: string;
  /** Folder of the profiles the API may name (by file name only). */
  profilesDir?: string;
  runsDir?: string;
  /** SSE: how often the database is asked for new cases. */
  pollMs?: number;
}

const ERROR = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;
const NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } as const;
const RUN_IDS = {
  type: 'object',
  properties: {
    runs: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, sample: { type: 'string' }, scenarios: { type: 'integer' }, job: { type: 'string' } } },
    },
  },
} as const;
const secured = [{ token: [] }];

function sameToken(given: string, want: string): boolean {
  // Digests of equal length, so the comparison takes the same time whatever is given.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(want).digest();
  return timingSafeEqual(a, b);
}

export async function buildServer(o: ServerOptions): Promise<FastifyInstance> {
  if (!o.token || o.token.length < 16)
    throw new CampaignError('the API needs a token of at least 16 characters (--token-file FILE or SSCC_API_TOKEN): no open access');
  const { db } = o;
  const profilesDir = resolve(o.profilesDir ?? join(ROOT, 'profiles'));
  const runsDir = o.runsDir;
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'sscc automation API',
        version: '1',
        description: 'Lab campaigns of the social security card conformance suite: plans, campaigns, samples, runs, progress (SSE), reports, run archives.',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const h = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(h);
    if (!m || !sameToken(m[1]!, o.token)) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a token is needed: Authorization: Bearer <the lab token>' });
    }
  });
  app.setErrorHandler(async (e: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    if (e instanceof CampaignError) return reply.code(/^no (campaign|sample|build|run)\b/.test(e.message) ? 404 : 400).send({ error: e.message });
    if (e.validation || (e.statusCode && e.statusCode < 500)) return reply.code(e.statusCode ?? 400).send({ error: e.message });
    return reply.code(500).send({ error: `internal error: ${e.message}` });
  });

  const profileFile = (name: string) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(name))
      throw new CampaignError(`profile ${name}: give the file name of a profile in ${profilesDir} (e.g. sim-reference.yaml)`);
    const f = join(profilesDir, name);
    if (!existsSync(f))
      throw new CampaignError(
        `profile ${name}: not in ${profilesDir}; there: ${readdirSync(profilesDir)
          .filter((x) => /\.ya?ml$/.test(x))
          .join(', ')}`,
      );
    return f;
  };

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/plan',
    {
      schema: {
        summary: "The test cases of a profile's plan, with applicability",
        security: secured,
        querystring: { type: 'object', required: ['profile'], properties: { profile: { type: 'string' }, area: { type: 'string' }, tags: { type: 'string' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              profile: { type: 'string' },
              sha256: { type: 'string' },
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    title: { type: 'string' },
                    area: { type: 'string' },
                    applicable: { type: 'boolean' },
                    reason: { type: 'string' },
                  },
                },
              },
            },
          },
          400: ERROR,
        },
      },
    },
    async (req) => {
      const q = req.query as { profile: string; area?: string; tags?: string };
      const loaded = loadProfile(profileFile(q.profile));
      const areas = q.area
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      let plan: ReturnType<typeof buildPlan>;
      try {
        plan = buildPlan(ROOT, loaded, { ...(q.tags ? { tags: q.tags } : {}), ...(areas?.length ? { areas } : {}) });
      } catch (e) {
        throw new CampaignError((e as Error).message);
      }
      return {
        profile: q.profile,
        sha256: loaded.sha256,
        cases: plan.scenarios.map((s) => ({ id: s.id, title: s.name, area: s.area, applicable: s.applicable, ...(s.reason ? { reason: s.reason } : {}) })),
      };
    },
  );

  app.get('/api/campaigns', { schema: { summary: 'The campaigns', security: secured } }, async () =>
    (await listCampaigns(db)).map((c) => ({ name: c.name, profile: c.profile_file, createdAt: c.created_at })),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        summary: 'Make a campaign for the product a profile describes',
        security: secured,
        body: {
          type: 'object',
          required: ['name', 'profile'],
          additionalProperties: false,
          properties: { name: NAME, profile: { type: 'string', description: "file name of a profile in the server's profiles folder" } },
        },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }, 400: ERROR },
      },
    },
    async (req, reply) => {
      const b = req.body as { name: string; profile: string };
      const c = await newCampaign(db, b.name, profileFile(b.profile));
      return reply.code(201).send({ id: c.id, name: c.name });
    },
  );

  app.get(
    '/api/campaigns/:name',
    { schema: { summary: 'A campaign: its samples, builds and runs', security: secured, params: { type: 'object', properties: { name: NAME } } } },
    async (req) => {
      const c = await campaignByName(db, (req.params as { name: string }).name);
      return {
        name: c.name,
        profile: c.profile_file,
        product: c.product,
        samples: await samples(db, c.id),
        builds: await builds(db, c.id),
        runs: await runsOf(db, c.id),
      };
    },
  );

  app.post(
    '/api/campaigns/:name/samples',
    {
      schema: {
        summary: 'Add a sample',
        security: secured,
        params: { type: 'object', properties: { name: NAME } },
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: NAME,
            serial: { type: 'string' },
            atr: { type: 'string' },
            tag: { type: 'string' },
            notes: { type: 'string' },
            defects: { type: 'array', items: { type: 'string' }, description: 'simulator only: card-sim defects of this sample' },
          },
        },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }, 400: ERROR, 404: ERROR },
      },
    },
    async (req, reply) => {
      const c = await campaignByName(db, (req.params as { name: string }).name);
      const b = req.body as { name: string; serial?: string; atr?: string; tag?: string; notes?: string; defects?: string[] };
      const { DEFECTS } = await import('../run/catalogue.ts');
      for (const d of b.defects ?? []) if (!DEFECTS.some((x) => x.id === d)) throw new CampaignError(`defect ${d}: unknown`);
      const s = await addSample(db, c.id, {
        name: b.name,
        ...(b.serial ? { serial: b.serial } : {}),
        ...(b.atr ? { atr: b.atr } : {}),
        ...(b.tag ? { readerTag: b.tag } : {}),
        ...(b.notes ? { notes: b.notes } : {}),
        ...(b.defects ? { defects: b.defects } : {}),
      });
      return reply.code(201).send({ id: s.id, name: s.name });
    },
  );

  // Runs in this process go one after another (one simulated card per sample, the step library once).
  let chain: Promise<unknown> = Promise.resolve();
  app.post(
    '/api/campaigns/:name/runs',
    {
      schema: {
        summary: 'Start runs: the plan on every sample (or those named) for a build; queued for stations with queue: true',
        security: secured,
        params: { type: 'object', properties: { name: NAME } },
        body: {
          type: 'object',
          required: ['build'],
          additionalProperties: false,
          properties: {
            build: NAME,
            samples: { type: 'array', items: NAME },
            area: { type: 'string' },
            tags: { type: 'string' },
            defects: { type: 'array', items: { type: 'string' }, description: 'simulator only: card-sim defects of this build' },
            rerunFailed: { type: 'boolean', description: 'run again only the cases of the build that failed on each sample' },
            queue: { type: 'boolean', description: 'queue one job per sample for `sscc station` workers (a PostgreSQL server)' },
          },
        },
        response: { 202: RUN_IDS, 400: ERROR, 404: ERROR },
      },
    },
    async (req, reply) => {
      const campaign = (req.params as { name: string }).name;
      const b = req.body as { build: string; samples?: string[]; area?: string; tags?: string; defects?: string[]; rerunFailed?: boolean; queue?: boolean };
      const common = {
        campaign,
        build: b.build,
        ...(b.samples ? { samples: b.samples } : {}),
        ...(b.area ? { area: b.area } : {}),
        ...(b.tags ? { tags: b.tags } : {}),
      };
      if (b.queue) {
        const { queueCampaign } = await import('../campaign/queue.ts');
        const jobs = await queueCampaign(db, common);
        return reply.code(202).send({ runs: jobs.map((j) => ({ id: j.runId, sample: j.sample, job: j.jobId })) });
      }
      const req_ = { ...common, ...(runsDir ? { runsDir } : {}), ...(b.defects ? { buildDefects: b.defects } : {}), operator: 'api' };
      const prepared = b.rerunFailed ? await prepareRerun(db, req_) : await prepareCampaign(db, req_);
      chain = chain
        .then(() => executePrepared(db, prepared))
        .catch((e: Error) => process.stderr.write(`sscc serve: runs ${prepared.map((p) => p.run.id).join(', ')}: ${e.message}\n`));
      return reply.code(202).send({ runs: prepared.map((p) => ({ id: p.run.id, sample: p.sample.name, scenarios: p.plan.scenarios.length })) });
    },
  );

  const runParams = { type: 'object', properties: { id: { type: 'integer' } } } as const;
  app.get('/api/runs/:id', { schema: { summary: 'A run and its cases so far', security: secured, params: runParams } }, async (req) => {
    const id = (req.params as { id: number }).id;
    const { plan: _plan, ...run } = await runById(db, id);
    return { ...run, cases: await runCases(db, id) };
  });

  app.get(
    '/api/runs/:id/events',
    {
      schema: {
        summary: 'Server-Sent Events: one "case" event per finished case (those finished already first), then "end" with the run\'s status',
        security: secured,
        params: runParams,
        response: { 200: { description: 'text/event-stream; data of a case event: {"id","verdict","title","attempt"}', type: 'string' }, 404: ERROR },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      await runById(db, id); // 404 before the stream starts
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      const sent = new Set<string>();
      let closed = false;
      req.raw.on('close', () => (closed = true));
      while (!closed) {
        const run = await runById(db, id);
        for (const c of await runCases(db, id)) {
          if (sent.has(c.case_id)) continue;
          sent.add(c.case_id);
          res.write(`event: case\ndata: ${JSON.stringify({ id: c.case_id, verdict: c.verdict, title: c.title, attempt: c.attempt })}\n\n`);
        }
        if (run.status === 'done' || run.status === 'failed') {
          res.write(`event: end\ndata: ${JSON.stringify({ status: run.status, summary: run.summary, cases: sent.size })}\n\n`);
          break;
        }
        await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
      }
      res.end();
    },
  );

  const foldersOf = async (id: number) => {
    const rows = await db.query<{ attempt: number; host: string; dir: string }>(
      'SELECT attempt, host, dir FROM run_folder WHERE run_id = $1 ORDER BY attempt',
      [id],
    );
    if (!rows.length) throw new CampaignError(`no run ${id} folder yet`);
    const here = rows.filter((r) => r.host === hostname() && existsSync(r.dir));
    if (!here.length) throw new CampaignError(`run ${id}'s folders are on ${[...new Set(rows.map((r) => r.host))].join(', ')}, not on this server`);
    return here;
  };

  app.get(
    '/api/runs/:id/report',
    { schema: { summary: 'report.json of the run (its last attempt)', security: secured, params: runParams } },
    async (req, reply) => {
      const folders = await foldersOf((req.params as { id: number }).id);
      const f = join(folders[folders.length - 1]!.dir, 'report.json');
      if (!existsSync(f)) throw new CampaignError('no report yet: the run is not finished');
      return reply.type('application/json').send(readFileSync(f));
    },
  );

  app.get(
    '/api/runs/:id/archive',
    { schema: { summary: 'The run folders (every attempt) as a .tar.gz', security: secured, params: runParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const folders = await foldersOf(id);
      const tar = spawn('tar', ['-czf', '-', ...folders.flatMap((f) => ['-C', resolve(f.dir, '..'), `attempt-${f.attempt}`])], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return reply.type('application/gzip').header('content-disposition', `attachment; filename="run-${id}.tar.gz"`).send(tar.stdout);
    },
  );

  app.get(
    '/api/campaigns/:name/report',
    {
      schema: {
        summary: 'The campaign report (sscc-campaign-report/1), JSON or HTML (?format=html)',
        security: secured,
        params: { type: 'object', properties: { name: NAME } },
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'html'] } } },
      },
    },
    async (req, reply) => {
      const r = await campaignReport(db, (req.params as { name: string }).name);
      if ((req.query as { format?: string }).format === 'html') return reply.type('text/html; charset=utf-8').send(renderCampaignHtml(r));
      return r;
    },
  );

  await app.ready();
  return app;
}
