/**
 * The campaign report (campaign-report.json, schema sscc-campaign-report/1, and campaign-report.html):
 * per build its conclusion, per test case the worst verdict over the samples and each sample's verdict,
 * the cases whose verdict differs between samples, and the changes against the previous build,
 * regressions first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xmlAttr, xmlText } from '../report/escape.ts';
import type { Verdict } from '../report/model.ts';
import type { Db } from './db.ts';
import { type CaseAcrossSamples, type Change, buildCases, builds, campaignByName, changesBetween, runsOf, samples } from './store.ts';

export interface CampaignReport {
  schema: 'sscc-campaign-report/1';
  generatedAt: string;
  campaign: { name: string; profile: string; profileSha256: string; product: Record<string, unknown> };
  samples: Array<{ name: string; serial: string | null; atr: string | null; readerTag: string | null; notes: string | null }>;
  builds: Array<{
    name: string;
    seq: number;
    /** FAIL if a case is FAIL or ERROR on a sample; INCONCLUSIVE if one is INCONCLUSIVE or a sample has no run; else PASS. */
    conclusion: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
    counts: Record<Verdict, number>;
    samplesRun: string[];
    runs: number;
    cases: CaseAcrossSamples[];
    /** Test cases whose verdict differs between samples of this build. */
    differing: string[];
    /** Against the build before it (absent for the first). */
    changes?: { against: string; list: Change[] };
  }>;
}

export async function campaignReport(db: Db, name: string): Promise<CampaignReport> {
  const c = await campaignByName(db, name);
  const ss = await samples(db, c.id);
  const bs = await builds(db, c.id);
  const runs = await runsOf(db, c.id);
  const out: CampaignReport = {
    schema: 'sscc-campaign-report/1',
    generatedAt: new Date().toISOString(),
    campaign: { name: c.name, profile: c.profile_file, profileSha256: c.profile_sha256, product: c.product },
    samples: ss.map((s) => ({ name: s.name, serial: s.serial, atr: s.atr, readerTag: s.reader_tag, notes: s.notes })),
    builds: [],
  };
  let previous: (typeof bs)[number] | undefined;
  for (const b of bs) {
    const cases = await buildCases(db, b.id);
    const counts = { PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, INCONCLUSIVE: 0, ERROR: 0 } as Record<Verdict, number>;
    for (const k of cases) counts[k.worst]++;
    const samplesRun = [...new Set(runs.filter((r) => r.build_id === b.id).map((r) => r.sample))];
    const missing = ss.some((s) => !samplesRun.includes(s.name));
    const conclusion = counts.FAIL || counts.ERROR ? 'FAIL' : counts.INCONCLUSIVE || missing || !cases.length ? 'INCONCLUSIVE' : 'PASS';
    out.builds.push({
      name: b.name,
      seq: b.seq,
      conclusion,
      counts,
      samplesRun,
      runs: runs.filter((r) => r.build_id === b.id).length,
      cases,
      differing: cases.filter((k) => new Set(Object.values(k.samples)).size > 1).map((k) => k.id),
      ...(previous ? { changes: { against: previous.name, list: await changesBetween(db, previous.id, b.id) } } : {}),
    });
    previous = b;
  }
  return out;
}

const CLASS: Record<string, string> = { PASS: 'pass', FAIL: 'fail', ERROR: 'fail', INCONCLUSIVE: 'inc', NOT_APPLICABLE: 'na', ABSENT: 'na' };
const v = (x: string) => `<span class="v ${CLASS[x] ?? 'na'}">${xmlText(x)}</span>`;

export function renderCampaignHtml(r: CampaignReport): string {
  const names = r.samples.map((s) => s.name);
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Campaign ${xmlText(r.campaign.name)}</title><style>
body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
.v{font-weight:600}.pass{color:#176f2c}.fail{color:#b00020}.inc{color:#a15c00}.na{color:#666}.regression td{background:#fde7ea}</style></head><body>`);
  parts.push(
    `<h1>Campaign ${xmlText(r.campaign.name)}</h1><p>Product: ${xmlText(String(r.campaign.product.vendor ?? ''))} ${xmlText(String(r.campaign.product.model ?? ''))}; profile <code>${xmlText(r.campaign.profile)}</code> (sha256 ${xmlText(r.campaign.profileSha256.slice(0, 16))}…); generated ${xmlText(r.generatedAt)}</p>`,
  );
  parts.push('<h2>Samples</h2><table><tr><th>Sample</th><th>Serial</th><th>ATR</th><th>Reader tag</th><th>Notes</th></tr>');
  for (const s of r.samples)
    parts.push(
      `<tr><td>${xmlText(s.name)}</td><td>${xmlText(s.serial ?? '')}</td><td><code>${xmlText(s.atr ?? '')}</code></td><td>${xmlText(s.readerTag ?? '')}</td><td>${xmlText(s.notes ?? '')}</td></tr>`,
    );
  parts.push('</table>');
  for (const b of [...r.builds].reverse()) {
    parts.push(
      `<h2 id="${xmlAttr(`build-${b.name}`)}">Build ${xmlText(b.name)}: ${v(b.conclusion)}</h2><p>${b.runs} runs on ${b.samplesRun.length} of ${r.samples.length} samples; cases by worst verdict: ${Object.entries(
        b.counts,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}</p>`,
    );
    if (b.changes) {
      parts.push(`<h3>Changes against build ${xmlText(b.changes.against)} (${b.changes.list.length})</h3>`);
      if (b.changes.list.length) {
        parts.push('<table><tr><th>Change</th><th>Test case</th><th>Title</th><th>Before</th><th>Now</th></tr>');
        for (const ch of b.changes.list)
          parts.push(
            `<tr class="${xmlAttr(ch.kind)}"><td>${xmlText(ch.kind)}</td><td>${xmlText(ch.id)}</td><td>${xmlText(ch.title)}</td><td>${v(ch.from)}</td><td>${v(ch.to)}</td></tr>`,
          );
        parts.push('</table>');
      }
    }
    if (b.differing.length)
      parts.push(`<h3>Verdicts differing between samples (${b.differing.length})</h3><p>${b.differing.map((d) => xmlText(d)).join(', ')}</p>`);
    parts.push(
      `<h3>Test cases (${b.cases.length})</h3><table><tr><th>Test case</th><th>Title</th><th>Worst</th>${names.map((n) => `<th>${xmlText(n)}</th>`).join('')}</tr>`,
    );
    for (const k of b.cases) {
      parts.push(
        `<tr><td>${xmlText(k.id)}</td><td>${xmlText(k.title)}</td><td>${v(k.worst)}</td>${names.map((n) => `<td title="${xmlAttr(k.reasons[n] ?? '')}">${k.samples[n] ? v(k.samples[n]!) : '–'}</td>`).join('')}</tr>`,
      );
    }
    parts.push('</table>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

export function writeCampaignReport(dir: string, r: CampaignReport): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'campaign-report.json');
  const html = join(dir, 'campaign-report.html');
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  writeFileSync(html, renderCampaignHtml(r));
  return [json, html];
}
