/// <reference lib="dom" />
/**
 * report.pdf: report.html printed by headless Chromium (Debian's chromium, driven by puppeteer-core; no
 * browser download) with the page's own print stylesheet: A4, the report id and "page x of y" in the
 * page margins (@page margin boxes), no buttons, every FAIL, INCONCLUSIVE and ERROR case open with its trace.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian, Ubuntu and Chrome put the browser; SSCC_CHROMIUM names another. */
export function findChromium(): string | undefined {
  const candidates = [process.env.SSCC_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

export const CHROMIUM_MISSING =
  'printing the PDF needs Chromium: apt-get install --no-install-recommends chromium fonts-wqy-zenhei (or set SSCC_CHROMIUM to a Chrome or Chromium binary)';

export class PdfError extends Error {
  override name = 'PdfError';
}

/** Print `htmlFile` to `pdfFile`; generous time limits, for a loaded machine and a report of hundreds of pages. */
export async function writePdf(htmlFile: string, pdfFile: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new PdfError(CHROMIUM_MISSING);
  const timeout = options.timeoutMs ?? 300_000;
  const puppeteer = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    timeout,
    protocolTimeout: timeout,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    // The report is self-contained: nothing but the file itself is loaded.
    await page.setRequestInterception(true);
    page.on('request', (req) => (req.url().startsWith('file:') ? req.continue() : req.abort()));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout });
    await page.evaluate(() => {
      for (const d of Array.from(document.querySelectorAll('details.case'))) {
        const v = d.querySelector('summary .v')?.className ?? '';
        if (/\b(FAIL|INCONCLUSIVE|ERROR)\b/.test(v)) (d as HTMLDetailsElement).open = true;
      }
    });
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true, timeout });
  } finally {
    await browser.close();
  }
}
