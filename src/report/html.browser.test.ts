/// <reference lib="dom" />
/**
 * The report as a client reads it, in headless Chromium (Debian's chromium; puppeteer-core drives it, no
 * browser download), for a card and a terminal, in both languages: the first page carries every element
 * ISO/IEC 17025:2017 §7.8.2.1 asks for, the findings link to each FAIL, a card report lists no terminal
 * scenario, every tag of the trace is named and the TVR decoded bit by bit; `sscc report --pdf` writes a
 * PDF whose page count and page header pdftotext checks; `sscc sign` makes the page say who signed.
 * Screenshots of the first page in both languages are kept in the run folders out/report-html/{card,terminal}/.
 * Without chromium the test is skipped with the package to install, except with CI=true, where that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { sscc } from '../cli/test-cli.ts';
import { findChromium } from './pdf.ts';
import { latinWords } from '../verdict/messages.ts';

const CHROMIUM = findChromium();
const PDFTOTEXT = ['/usr/bin/pdftotext'].find((p) => existsSync(p));
if ((!CHROMIUM || !PDFTOTEXT) && process.env.CI === 'true')
  throw new Error('the report test needs Chromium and poppler-utils: apt-get install --no-install-recommends chromium fonts-wqy-zenhei poppler-utils');
if (!CHROMIUM || !PDFTOTEXT)
  process.stderr.write('report HTML/PDF test SKIPPED: apt-get install --no-install-recommends chromium fonts-wqy-zenhei poppler-utils\n');

type Browser = import('puppeteer-core').Browser;
type Page = import('puppeteer-core').Page;

/** A profile with the lab, the client's order and the samples: the reference card, or the reference terminal. */
function labProfile(base: string, name: string): string {
  const text = readFileSync(join(ROOT, 'profiles', base), 'utf8');
  const extra = [
    'lab:',
    '  name: 某某检测中心 社会保障卡检测实验室',
    '  address: 北京市海淀区某某路 1 号',
    '  accreditation: CNAS L0000',
    '  timeZone: Asia/Shanghai',
    '  operator: 李四',
    '  authoriser: { name: 张三, role: 技术负责人 }',
    'order:',
    '  client: { name: 某某智能卡有限公司, address: 上海市浦东新区 }',
    '  reference: WT-2026-0042',
    `  reportId: SSCC-TEST-${name.toUpperCase()}`,
    '  receivedAt: "2026-11-30"',
    'samples:',
    '  - serial: S-0001',
    '    atr: 3B6D0000 0099 2611 01 0099 261122000001',
    '',
  ].join('\n');
  const dir = join(ROOT, 'out', 'report-html');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${text}\n${extra}`);
  return file;
}

const TIMEOUT = 240_000;

describe.skipIf(!CHROMIUM || !PDFTOTEXT)('the report in headless Chromium', () => {
  const cardOut = join(ROOT, 'out', 'report-html', 'card');
  const termOut = join(ROOT, 'out', 'report-html', 'terminal');
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  const open = async (dir: string, lang: 'zh-CN' | 'en') => {
    await page.goto(`file://${join(dir, 'report.html')}`, { waitUntil: 'load', timeout: TIMEOUT });
    await page.evaluate((l) => {
      document.body.className = l;
    }, lang);
  };
  const text = (sel: string) => page.$eval(sel, (e) => (e as HTMLElement).innerText);

  beforeAll(async () => {
    rmSync(cardOut, { recursive: true, force: true });
    rmSync(termOut, { recursive: true, force: true });
    const card = await sscc(
      'run',
      '--profile',
      labProfile('sim-reference.yaml', 'card'),
      '--out',
      cardOut,
      '--quiet',
      '--lang',
      'zh-CN',
      '--tags',
      '@TC:ISO-RB-001 or @TC:ISO-SEL-001 or @TC:ISO-VER-001 or @TC:PB-TXN-002 or @TC:PB-AC-001 or @TC:TM-FIN-001 or @TC:TM-FIN-002',
      '--defect',
      'read-binary-ignores-offset',
    );
    expect(card.code, card.stderr).toBe(1);
    const term = await sscc(
      'run',
      '--profile',
      labProfile('terminal-reference.yaml', 'terminal'),
      '--out',
      termOut,
      '--quiet',
      '--lang',
      'en',
      '--tags',
      '@TC:TM-FIN-001 or @TC:TM-FIN-002 or @TC:ISO-SEL-001',
    );
    expect(term.code, term.stderr).toBe(0);
    const puppeteer = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: CHROMIUM as string,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      timeout: TIMEOUT,
      protocolTimeout: TIMEOUT,
    });
    page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.setViewport({ width: 1100, height: 1500 });
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
  }, TIMEOUT * 2);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'the first page carries every ISO/IEC 17025 §7.8.2.1 element, in Chinese and in English',
    async () => {
      for (const [dir, kind] of [
        [cardOut, 'card'],
        [termOut, 'terminal'],
      ] as const) {
        const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
          environment: { tool: { version: string; commit?: string } };
          product: { model: string; cosVersion?: string };
          certificate: { method: { suiteSha256: string } };
        };
        for (const lang of ['zh-CN', 'en'] as const) {
          await open(dir, lang);
          const first = await text('#first-page');
          const zh = lang === 'zh-CN';
          expect(first).toContain(zh ? '检测报告' : 'Test report'); // a) title
          expect(first).toContain('某某检测中心 社会保障卡检测实验室'); // b) the lab and its address
          expect(first).toContain('北京市海淀区某某路 1 号');
          expect(first).toContain(`SSCC-TEST-${kind.toUpperCase()}`); // c) unique identification
          expect(first).toContain('某某智能卡有限公司'); // d) the client
          expect(first).toContain('WT-2026-0042');
          expect(first).toContain(`sscc ${report.environment.tool.version}`); // e) the method: version, commit, suite
          expect(report.environment.tool.commit).toMatch(/^[0-9a-f]{40}$/);
          expect(first).toContain(report.environment.tool.commit as string);
          expect(first).toContain(report.certificate.method.suiteSha256);
          expect(first).toMatch(/JR\/T 0025-2013/);
          expect(first).toContain('S-0001'); // f) the items tested: product, COS build, sample serials and ATRs
          expect(first).toContain(report.product.model);
          if (report.product.cosVersion) expect(first).toContain(`COS ${report.product.cosVersion}`);
          expect(first).toMatch(/3B 6D 00 00 00 99 26 11/);
          expect(first).toContain('2026-11-30'); // h) receipt, test and issue dates in the lab's time zone
          expect(first).toMatch(/Asia\/Shanghai \(UTC\+08:00\)/);
          expect(first).toMatch(zh ? /检测日期: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d – / : /Tested: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d – /);
          expect(first).toMatch(zh ? /签发日期: \d{4}-/ : /Issued: \d{4}-/);
          expect(first).toContain(zh ? '本报告的检测结果仅与所检样品有关' : 'The results relate only to the items tested'); // statement
          expect(first).toContain('张三, 技术负责人'); // o) the authoriser
          expect(await text('#signature')).toContain(zh ? '未签名' : 'not signed');
          expect(await text('#signature')).toContain('sscc verify-report');
          expect(await text('#deviations')).toContain(zh ? '按标签表达式限定的部分运行' : 'partial run narrowed by the tag expression');
          expect(await text('#end')).toContain(zh ? '报告结束' : 'End of report');
        }
      }
      // The conclusion per product kind: a FAIL → not conforming; a partial run without FAIL → no conclusion, saying why.
      await open(cardOut, 'en');
      expect(await text('#conclusion')).toMatch(/^NOT CONFORMING for the product kind card\n[\s\S]*1 cases FAIL: ISO-RB-001/);
      await open(termOut, 'zh-CN');
      expect(await text('#conclusion')).toMatch(/^不作结论 被测对象类别 终端\n[\s\S]*本次为部分运行/);
      await open(cardOut, 'zh-CN');
      await page.screenshot({ path: join(cardOut, 'first-page.zh-CN.png') as `${string}.png` });
      await open(cardOut, 'en');
      await page.screenshot({ path: join(cardOut, 'first-page.en.png') as `${string}.png` });
      await open(termOut, 'zh-CN');
      await page.screenshot({ path: join(termOut, 'first-page.zh-CN.png') as `${string}.png` });
      await open(termOut, 'en');
      await page.screenshot({ path: join(termOut, 'first-page.en.png') as `${string}.png` });
      for (const f of [
        join(cardOut, 'first-page.zh-CN.png'),
        join(cardOut, 'first-page.en.png'),
        join(termOut, 'first-page.zh-CN.png'),
        join(termOut, 'first-page.en.png'),
      ])
        expect(existsSync(f)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'the findings come first and link to each FAIL',
    async () => {
      await open(cardOut, 'zh-CN');
      const links = await page.$$eval('#findings a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      const report = JSON.parse(readFileSync(join(cardOut, 'report.json'), 'utf8')) as { cases: Array<{ id: string; verdict: string }> };
      const failing = report.cases.filter((c) => c.verdict === 'FAIL').map((c) => `#case-${c.id}`);
      expect(failing).toEqual(['#case-ISO-RB-001']);
      expect(links).toEqual(failing);
      for (const l of links) expect(await page.$(l as string)).not.toBeNull();
      // The root cause is the diagnosis rendered in Chinese (src/verdict/messages.ts), not the English text.
      expect(await text('#findings')).toMatch(/不通过 ISO-RB-001[\s\S]*原因: 偏移量 16 处的字节: 预期 10 11/);
      // Findings precede the cases, the coverage annex follows them.
      const order = await page.evaluate(() =>
        ['#findings', '.case', '#annex'].map((s) => document.querySelector(s)!.getBoundingClientRect().top + window.scrollY),
      );
      expect(order[0]).toBeLessThan(order[1] as number);
      expect(order[1]).toBeLessThan(order[2] as number);
    },
    TIMEOUT,
  );

  it(
    'a card report lists no terminal scenario and a terminal report no card scenario: they are counted',
    async () => {
      await open(cardOut, 'en');
      expect(await page.$('#case-TM-FIN-001')).toBeNull();
      expect(await page.$('#case-TM-FIN-002')).toBeNull();
      expect(await text('#never-applicable')).toBe('2 more scenarios can never apply to this kind of product (card): counted, not listed');
      expect(await page.$$eval('#summary tr:nth-child(2) td', (tds) => tds.map((t) => (t as HTMLElement).innerText))).toEqual(['5', '4', '1', '0', '0', '0']);
      await open(termOut, 'en');
      expect(await page.$('#case-ISO-SEL-001')).toBeNull();
      expect(await page.$('#case-TM-FIN-001')).not.toBeNull();
    },
    TIMEOUT,
  );

  it(
    'the trace: APDUs under the step that sent them, every tag named, the TVR decoded bit by bit',
    async () => {
      await open(cardOut, 'zh-CN');
      expect(await page.$$eval('.unnamed', (e) => e.length)).toBe(0);
      expect(await page.$$eval('table.elements code', (e) => e.length)).toBeGreaterThan(50);
      // The GENERATE AC of PB-TXN-002 carries the TVR in its CDOL1 data: "merchant forced online" is set.
      await page.$eval('#case-PB-TXN-002', (d) => {
        (d as HTMLDetailsElement).open = true;
      });
      const tvr = await page.$$eval('#case-PB-TXN-002 table.elements tr', (rows) =>
        rows.map((r) => (r as HTMLElement).innerText).filter((t) => t.startsWith('95')),
      );
      expect(tvr.length).toBeGreaterThan(0);
      expect(tvr.join('\n')).toContain('终端验证结果');
      expect(tvr.join('\n')).toContain('商户要求联机交易');
      await page.evaluate(() => {
        document.body.className = 'en';
      });
      const tvrEn = await page.$$eval('#case-PB-TXN-002 table.elements tr', (rows) =>
        rows.map((r) => (r as HTMLElement).innerText).filter((t) => t.startsWith('95')),
      );
      expect(tvrEn.join('\n')).toContain('Merchant forced transaction online');
      // The APDUs of a step sit right after it: the READ BINARY of the failing step follows the step's text.
      const stepThenApdu = await page.$eval('#case-ISO-RB-001', (d) => {
        const steps = Array.from(d.querySelectorAll('.step'));
        const s = steps.find((x) => (x as HTMLElement).innerText.includes('reads 8 bytes at offset 16')) ?? steps[steps.length - 2];
        return (s?.nextElementSibling as HTMLElement | null)?.innerText ?? '';
      });
      expect(stepThenApdu).toContain('READ BINARY');
      // Hex wraps only between bytes.
      expect(await page.$$eval('.hex .b', (bs) => bs.every((b) => /^[0-9A-F]{2}$/.test(b.textContent ?? '')))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'sscc report --pdf prints it: the page count and the page header with report id and page x of y',
    async () => {
      const r = await sscc('report', '--from', join(cardOut, 'messages.ndjson'), '--force', '--pdf', '--lang', 'zh-CN');
      expect(r.code, r.stderr).toBe(1);
      const pdf = join(cardOut, 'report.pdf');
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      const body = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f');
      expect(body.length - 1).toBe(pages);
      for (const [i, p] of body.slice(0, pages).entries()) {
        expect(p).toContain('报告编号 SSCC-TEST-CARD');
        expect(p).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages}\\s*页`));
      }
      expect(body[0]).toContain('检测报告');
      expect(body[0]).not.toContain('English'); // no language buttons in print
      expect(body.join('')).toContain('报告结束');
    },
    TIMEOUT,
  );

  it(
    'sscc sign makes the page say who signed and how to verify, and the signature still covers the page',
    async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const key = join(cardOut, '..', 'lab.pem');
      const pub = join(cardOut, '..', 'lab.pub.pem');
      writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
      const signed = await sscc('sign', cardOut, '--key', key, '--signer', '张三');
      expect(signed.code, signed.stderr).toBe(0);
      await open(cardOut, 'zh-CN');
      expect(await text('#signature')).toMatch(/已由 张三 于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Asia\/Shanghai\) 签名 \(Ed25519, 密钥标识 [0-9a-f]{64}\)/);
      const verified = await sscc('verify-report', cardOut, '--pubkey', pub);
      expect(verified.stdout, verified.stderr).toMatch(/^OK: .*signed by a trusted key/);
    },
    TIMEOUT,
  );

  it(
    'in Chinese: labels, verdicts, ICS items, and the translated scenarios and steps are Chinese',
    async () => {
      await open(cardOut, 'zh-CN');
      const labels = await page.$$eval('th, h1, h2, h3, .v, .step-status, #ics th', (els) =>
        els.map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t),
      );
      // Left in Latin script only: names, codes, hex and units (ATR, COS, PBOC, 9000, ms, µs).
      const latin = labels.filter((t) => !/[一-鿿]/.test(t) && !/^([A-Z0-9][A-Za-z0-9]*|[0-9A-F ]+|µs|ms|[A-Z]+-[A-Z]+-[0-9]+)( [A-Z0-9]+)*( µs)?$/.test(t));
      expect(latin).toEqual([]);
      // features/iso7816 is translated: its titles and steps show no English in zh-CN.
      for (const id of ['ISO-RB-001', 'ISO-SEL-001', 'ISO-VER-001']) {
        expect(await page.$$eval(`#case-${id} .untranslated`, (e) => e.length), id).toBe(0);
      }
      // Every case of both reports, in Chinese: no title, step or diagnosis left untranslated, and the Chinese of
      // the findings and the cases (titles, steps, diagnoses, the trace's names) keeps no English word.
      for (const dir of [cardOut, termOut]) {
        await open(dir, 'zh-CN');
        expect(await page.$$eval('.untranslated', (e) => e.map((x) => (x as HTMLElement).innerText)), dir).toEqual([]);
        const zh = await page.$$eval('#findings [data-lang="zh-CN"], details.case [data-lang="zh-CN"]', (els) =>
          els.filter((e) => !e.querySelector('[data-lang]')).map((e) => (e as HTMLElement).textContent ?? ''),
        );
        expect(zh.length, dir).toBeGreaterThan(20);
        expect(
          zh.filter((t) => latinWords(t).length).map((t) => `${t} [${latinWords(t).join(', ')}]`),
          dir,
        ).toEqual([]);
      }
      await open(cardOut, 'zh-CN');
      expect(await text('#case-ISO-RB-001 summary')).toContain('READ BINARY 遵守 P1-P2 中的偏移量');
      expect(await text('#case-ISO-RB-001')).toContain('当 终端从偏移量 16 读取 8 字节');
      expect(await text('#findings')).toContain('那么 数据与首次读取内容中从偏移量 16 开始的部分相同');
    },
    TIMEOUT,
  );

  it('asks nothing of the network: the report is self-contained', () => {
    expect(requests).toEqual([]);
  });
});
