/** `sscc campaign …`: lab campaigns of samples × builds, their history in PostgreSQL (src/campaign, issue 22). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { consoleLines } from '../../report/escape.ts';
import { UsageError } from '../errors.ts';
import type { Db } from '../../campaign/db.ts';

const dbOption = () =>
  new Option('--db <url|folder>', 'postgres://… of a lab server, or the folder of the embedded database (default SSCC_DB or out/campaigns/db)');

async function withDb<T>(where: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  const { openDb, dbLocation } = await import('../../campaign/db.ts');
  const { CampaignError } = await import('../../campaign/store.ts');
  let db: Db;
  try {
    db = await openDb(dbLocation(where));
  } catch (e) {
    throw new UsageError(`--db ${dbLocation(where)}: cannot open the campaign database: ${(e as Error).message}`);
  }
  try {
    return await fn(db);
  } catch (e) {
    if (e instanceof CampaignError) throw new UsageError(e.message);
    throw e;
  } finally {
    await db.close();
  }
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? String(d) : '');
const out = (s: string) => process.stdout.write(`${consoleLines(s)}\n`);

export function register(p: Command): void {
  const c = p
    .command('campaign')
    .description('lab campaigns: a product with samples and builds, every run in a database (PGlite by default, or --db postgres://…)');

  c.command('new <name>')
    .description('make a campaign for the product a profile describes')
    .requiredOption('--profile <file>', 'profile (YAML) of the product')
    .addOption(dbOption())
    .action((name: string, o: { profile: string; db?: string }) =>
      withDb(o.db, async (db) => {
        const { newCampaign } = await import('../../campaign/campaign.ts');
        const row = await newCampaign(db, name, o.profile);
        out(`campaign ${row.name} (id ${row.id}) for ${String(row.product.vendor)} ${String(row.product.model)}, profile ${row.profile_file}`);
      }),
    );

  c.command('list')
    .description('the campaigns of the database')
    .addOption(dbOption())
    .action((o: { db?: string }) =>
      withDb(o.db, async (db) => {
        const { listCampaigns } = await import('../../campaign/store.ts');
        for (const r of await listCampaigns(db)) out(`${r.name}  ${r.profile_file}  ${r.created_at}`);
      }),
    );

  const sample = c.command('sample').description('the samples of a campaign');
  sample
    .command('add <campaign> <name>')
    .description('add a sample (a card, a personalised batch, a terminal) to a campaign')
    .option('--serial <s>', "the sample's serial number")
    .option('--atr <hex>', "the sample's ATR: a station takes its jobs when its reader's card has this ATR")
    .option('--tag <tag>', "reader tag: a station started with --tag TAG takes this sample's jobs")
    .option('--notes <text>', 'notes')
    .option('--defect <id...>', 'simulator only: card-sim defects of this sample (a bad sample of a batch)')
    .addOption(dbOption())
    .action((campaign: string, name: string, o: { serial?: string; atr?: string; tag?: string; notes?: string; defect?: string[]; db?: string }) =>
      withDb(o.db, async (db) => {
        const { addSample, campaignByName } = await import('../../campaign/store.ts');
        const { DEFECTS } = await import('../../run/catalogue.ts');
        for (const d of o.defect ?? []) if (!DEFECTS.some((x) => x.id === d)) throw new UsageError(`--defect ${d}: unknown; see \`sscc defects list\``);
        const camp = await campaignByName(db, campaign);
        const s = await addSample(db, camp.id, {
          name,
          ...(o.serial ? { serial: o.serial } : {}),
          ...(o.atr ? { atr: o.atr } : {}),
          ...(o.tag ? { readerTag: o.tag } : {}),
          ...(o.notes ? { notes: o.notes } : {}),
          ...(o.defect ? { defects: o.defect } : {}),
        });
        out(`sample ${s.name} (id ${s.id}) added to ${camp.name}`);
      }),
    );
  sample
    .command('list <campaign>')
    .addOption(dbOption())
    .action((campaign: string, o: { db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName, samples } = await import('../../campaign/store.ts');
        for (const s of await samples(db, (await campaignByName(db, campaign)).id))
          out(
            `${s.name}  serial ${s.serial ?? '-'}  ATR ${s.atr ?? '-'}  tag ${s.reader_tag ?? '-'}${s.defects.length ? `  defects ${s.defects.join(',')}` : ''}`,
          );
      }),
    );

  const runOpts = (cmd: Command) =>
    cmd
      .requiredOption('--build <name>', 'the COS build or terminal version under test (made if new)')
      .option('--sample <name...>', 'only these samples (default all)')
      .option('--area <areas>', 'only these areas (folders of features/), comma-separated')
      .option('--tags <expression>', 'only the scenarios a cucumber tag expression selects')
      .option('--runs <dir>', 'where the run folders go', 'out/campaigns/runs')
      .option('--quiet', 'print only a line per run')
      .addOption(dbOption());
  type RunOpts = {
    build: string;
    sample?: string[];
    area?: string;
    tags?: string;
    runs: string;
    quiet?: boolean;
    db?: string;
    defect?: string[];
    queue?: boolean;
  };

  const progress = (o: RunOpts) => ({
    onRun: (r: { id: number }, s: string) => process.stderr.write(`sscc: run ${r.id}: sample ${s}, build ${o.build}\n`),
    onCase: (_run: number, x: { id: string; verdict: string }, n: number, total: number) => {
      if (!o.quiet) process.stderr.write(`  [${n}/${total}] ${x.verdict.padEnd(14)} ${x.id}\n`);
    },
  });
  const summarise = async (db: Db, runs: Array<{ id: number }>) => {
    const { runById } = await import('../../campaign/store.ts');
    let fail = false;
    for (const r of runs) {
      const row = await runById(db, r.id);
      const s = row.summary ?? {};
      if (s.FAIL || s.ERROR) fail = true;
      out(
        `run ${row.id}: ${row.status}: ${
          Object.entries(s)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ') || 'no cases'
        }`,
      );
    }
    process.exitCode = fail ? 1 : 0;
  };

  runOpts(c.command('run <campaign>'))
    .description("run the campaign's plan on every sample for a build (here, one sample after another; with --queue, as jobs for stations)")
    .option('--defect <id...>', 'simulator only: card-sim defects of this build (a COS build with a regression)')
    .option('--queue', 'do not run here: queue one job per sample for `sscc station` workers on the same --db')
    .action((campaign: string, o: RunOpts) =>
      withDb(o.db, async (db) => {
        if (o.queue) {
          const { queueCampaign } = await import('../../campaign/queue.ts');
          const jobs = await queueCampaign(db, {
            campaign,
            build: o.build,
            ...(o.sample ? { samples: o.sample } : {}),
            ...(o.area ? { area: o.area } : {}),
            ...(o.tags ? { tags: o.tags } : {}),
          });
          for (const j of jobs) out(`queued run ${j.runId} (job ${j.jobId}) for sample ${j.sample} on queue ${j.queue}`);
          return;
        }
        const { runCampaign } = await import('../../campaign/campaign.ts');
        const runs = await runCampaign(
          db,
          {
            campaign,
            build: o.build,
            runsDir: o.runs,
            ...(o.sample ? { samples: o.sample } : {}),
            ...(o.area ? { area: o.area } : {}),
            ...(o.tags ? { tags: o.tags } : {}),
            ...(o.defect ? { buildDefects: o.defect } : {}),
          },
          progress(o),
        );
        await summarise(db, runs);
      }),
    );

  runOpts(c.command('rerun-failed <campaign>'))
    .description('per sample, run again the cases of a build whose latest verdict is FAIL, ERROR or INCONCLUSIVE')
    .action((campaign: string, o: RunOpts) =>
      withDb(o.db, async (db) => {
        const { rerunFailed } = await import('../../campaign/campaign.ts');
        const runs = await rerunFailed(
          db,
          {
            campaign,
            build: o.build,
            runsDir: o.runs,
            ...(o.sample ? { samples: o.sample } : {}),
            ...(o.area ? { area: o.area } : {}),
            ...(o.tags ? { tags: o.tags } : {}),
          },
          progress(o),
        );
        if (!runs.length) out('nothing to rerun: no sample has a failed case in this build');
        await summarise(db, runs);
      }),
    );

  c.command('status <campaign>')
    .description('the samples, builds and runs of a campaign')
    .option('--json', 'as JSON')
    .addOption(dbOption())
    .action((campaign: string, o: { json?: boolean; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName, samples, builds, runsOf } = await import('../../campaign/store.ts');
        const camp = await campaignByName(db, campaign);
        const status = { campaign: camp.name, samples: await samples(db, camp.id), builds: await builds(db, camp.id), runs: await runsOf(db, camp.id) };
        if (o.json) return void process.stdout.write(JSON.stringify(status, null, 2) + '\n');
        out(`campaign ${camp.name}: ${status.samples.length} samples, ${status.builds.length} builds, ${status.runs.length} runs`);
        for (const r of status.runs)
          out(
            `  run ${r.id}  ${r.build}  ${r.sample}  ${r.kind}  ${r.status}  ${r.station ?? r.target ?? ''}  ${Object.entries(r.summary ?? {})
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}`,
          );
      }),
    );

  c.command('report <campaign>')
    .description(
      'campaign-report.json and campaign-report.html: per build its conclusion, per case the per-sample verdicts, the changes against the build before (regressions first)',
    )
    .requiredOption('--out <dir>', 'folder for the two files')
    .addOption(dbOption())
    .action((campaign: string, o: { out: string; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignReport, writeCampaignReport } = await import('../../campaign/report.ts');
        const r = await campaignReport(db, campaign);
        for (const b of r.builds)
          out(
            `build ${b.name}: ${b.conclusion}${b.changes ? `; against ${b.changes.against}: ${b.changes.list.filter((x) => x.kind === 'regression').length} regressions, ${b.changes.list.filter((x) => x.kind === 'fixed').length} fixed` : ''}${b.differing.length ? `; ${b.differing.length} cases differ between samples` : ''}`,
          );
        for (const f of writeCampaignReport(o.out, r)) out(f);
      }),
    );

  c.command('regressions <campaign>')
    .description("the changes of each test case's worst verdict from one build to another, regressions first (exit 1 if there is a regression)")
    .requiredOption('--from <build>', 'the earlier build')
    .requiredOption('--to <build>', 'the later build')
    .option('--json', 'as JSON')
    .addOption(dbOption())
    .action((campaign: string, o: { from: string; to: string; json?: boolean; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName, buildByName, changesBetween } = await import('../../campaign/store.ts');
        const camp = await campaignByName(db, campaign);
        const list = await changesBetween(db, (await buildByName(db, camp.id, o.from)).id, (await buildByName(db, camp.id, o.to)).id);
        if (o.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else {
          for (const x of list) out(`${x.kind.padEnd(10)} ${x.id.padEnd(14)} ${x.from} → ${x.to}  ${x.title}`);
          out(`${list.filter((x) => x.kind === 'regression').length} regressions from build ${o.from} to ${o.to} (${list.length} changes)`);
        }
        process.exitCode = list.some((x) => x.kind === 'regression') ? 1 : 0;
      }),
    );

  c.command('differing <campaign>')
    .description('test cases whose verdict differs between the samples of one build (a flaky card or a flaky test)')
    .requiredOption('--build <name>', 'the build')
    .option('--json', 'as JSON')
    .addOption(dbOption())
    .action((campaign: string, o: { build: string; json?: boolean; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName, buildByName, differingBetweenSamples } = await import('../../campaign/store.ts');
        const camp = await campaignByName(db, campaign);
        const list = await differingBetweenSamples(db, (await buildByName(db, camp.id, o.build)).id);
        if (o.json) return void process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        for (const x of list)
          out(
            `${x.id.padEnd(14)} ${Object.entries(x.samples)
              .map(([s, v]) => `${s}: ${v}`)
              .join(', ')}  ${x.title}`,
          );
        out(`${list.length} cases differ between the samples of build ${o.build}`);
      }),
    );

  c.command('history <campaign>')
    .description('every run of one sample, newest first')
    .requiredOption('--sample <name>', 'the sample')
    .option('--json', 'as JSON')
    .addOption(dbOption())
    .action((campaign: string, o: { sample: string; json?: boolean; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName, sampleByName, sampleHistory } = await import('../../campaign/store.ts');
        const camp = await campaignByName(db, campaign);
        const h = await sampleHistory(db, (await sampleByName(db, camp.id, o.sample)).id);
        if (o.json) return void process.stdout.write(JSON.stringify(h, null, 2) + '\n');
        for (const r of h)
          out(
            `run ${r.run_id}  build ${r.build}  ${r.kind}  ${r.status}  ${r.cases} cases, ${r.pass} PASS, ${r.fail} FAIL/ERROR  ${r.station ?? r.target ?? ''}  ${iso(r.started_at)}`,
          );
      }),
    );

  c.command('import <campaign> <dirs...>')
    .description('index run folders (their messages.ndjson) into a campaign: rebuilds the database from the folders, which are the source of truth')
    .option('--sample <name>', 'sample of plain `sscc run` folders (campaign run folders name their own)')
    .option('--build <name>', 'build of plain `sscc run` folders')
    .addOption(dbOption())
    .action((campaign: string, dirs: string[], o: { sample?: string; build?: string; db?: string }) =>
      withDb(o.db, async (db) => {
        const { campaignByName } = await import('../../campaign/store.ts');
        const { importFolders } = await import('../../campaign/execute.ts');
        const t0 = Date.now();
        const r = await importFolders(db, await campaignByName(db, campaign), dirs, {
          ...(o.sample ? { sample: o.sample } : {}),
          ...(o.build ? { build: o.build } : {}),
        });
        for (const s of r.skipped) process.stderr.write(`sscc: skipped ${consoleLines(s)}\n`);
        out(`imported ${r.runs} runs (${r.cases} cases) from ${r.folders} run folders in ${Date.now() - t0} ms`);
      }),
    );
}
