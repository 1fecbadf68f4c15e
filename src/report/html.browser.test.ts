/// <reference lib="dom" />
/**
 * The HTML report as a person sees it, in headless Chromium (Debian's chromium; puppeteer-core drives it,
 * no browser download): summary counts, a failing case open with its APDU trace by command name and the
 * status word explained, the language switch, no request to the network. A screenshot is kept in
 * out/report-html/. Without chromium the test is skipped with the package to install, except with
 * CI=true, where that is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../run/test-support.ts';
import { sscc } from '../cli/test-cli.ts';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!CHROMIUM && process.env.CI === 'true') throw new Error('the HTML report test needs Chromium: apt-get install --no-install-recommends chromium');
if (!CHROMIUM) process.stderr.write('report HTML test SKIPPED: no Chromium (apt-get install --no-install-recommends chromium)\n');

type Browser = import('puppeteer-core').Browser;
type Page = import('puppeteer-core').Page;

describe.skipIf(!CHROMIUM)('report.html in headless Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'sscc-html-'));
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    const r = await sscc('run', '--profile', 'profiles/sim-reference.yaml', '--out', out, '--quiet', '--lang', 'zh-CN', '--tags', '@TC:ISO-RB-001 or @TC:ISO-SEL-001 or @TC:ISO-VER-001', '--defect', 'read-binary-ignores-offset');
    expect(r.code).toBe(1);
    const puppeteer = await import('puppeteer-core');
    browser = await puppeteer.launch({ executablePath: CHROMIUM as string, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(`file://${join(out, 'report.html')}`, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the summary counts, and in Chinese first', async () => {
    const row = await page.$eval('#summary tr:nth-child(2)', (tr) => (tr as HTMLElement).innerText.split('\t').map((s) => s.trim()));
    expect(row.slice(0, 3)).toEqual(['3', '2', '1']); // total, pass, fail
    const heading = await page.$eval('h2', (h) => (h as HTMLElement).innerText);
    expect(heading).toBe('概要');
  });

  it('opens the failing case with its APDU trace: commands by name, the status word explained', async () => {
    const text = await page.$eval('#case-ISO-RB-001', (d) => ((d as HTMLDetailsElement).open ? (d as HTMLElement).innerText : ''));
    expect(text).toContain('READ BINARY');
    expect(text).toMatch(/9000 正常处理/);
    const passed = await page.$eval('#case-ISO-SEL-001', (d) => (d as HTMLDetailsElement).open);
    expect(passed).toBe(false);
  });

  it('switches to English with the button, headings and status words alike', async () => {
    await page.click('.lang button:nth-child(2)');
    expect(await page.$eval('h2', (h) => (h as HTMLElement).innerText)).toBe('Summary');
    expect(await page.$eval('#case-ISO-RB-001', (d) => (d as HTMLElement).innerText)).toMatch(/9000 normal processing/);
    const dir = join(ROOT, 'out', 'report-html');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'report.png') as `${string}.png`, fullPage: false });
    expect(existsSync(join(dir, 'report.png'))).toBe(true);
  });

  it('asks nothing of the network: the report is self-contained', () => {
    expect(requests).toEqual([]);
  });
});
