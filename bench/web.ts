import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoPagePaths, startDemoSite } from '../local/demo-site.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { launchChromium, mobile } from '../test/browser/chromium.js';
import { median, round } from './stats.js';

/** The budgets for every public page. */
export const WEB_BUDGET = { jsGzipKb: 60, firstRenderMs: 1000 };

/**
 * Lighthouse's throttled mobile profile, applied through the DevTools protocol: a 4× slower CPU
 * and a slow 4G link (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
 */
const THROTTLE = { cpuSlowdown: 4, latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 };
const RUNS = 3;

export interface WebPageResult {
  page: string;
  jsGzipKb: number;
  /** First contentful paint (the shell's header). */
  firstPaintMs: number;
  /** Until the page's own content from the API is on screen. */
  contentMs: number;
  withinBudget: boolean;
}

/**
 * Runs in the page before its own scripts: notes when the page's content first stands (a heading
 * or an alert, no loading line), timed inside the page rather than by polling from outside.
 */
const recordContentTime = `
  const done = () =>
    document.querySelector('main h1, main [role=alert]') !== null && document.querySelector('main .status') === null;
  const observer = new MutationObserver(() => {
    if (!done()) return;
    window.contentAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
`;

export async function measureWebPages(log: (line: string) => void) {
  const engine = await startDynamoDbLocal();
  log('web: starting the platform with the demo data');
  const site = await startDemoSite(engine.endpoint);
  const browser = await launchChromium();
  try {
    const gzipKb = (scripts: string[]) =>
      round(
        scripts.reduce((sum, script) => sum + gzipSync(readFileSync(join(site.outDir, script))).length, 0) / 1024,
        1,
      );
    const pages: WebPageResult[] = [];
    for (const [name, path] of Object.entries(demoPagePaths(site.links, site.url))) {
      const firstPaints: number[] = [];
      const contents: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A fresh context each run: an empty cache, as on a first visit.
        const context = await browser.newContext(mobile);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: THROTTLE.latencyMs,
          downloadThroughput: (THROTTLE.downloadKbps * 1000) / 8,
          uploadThroughput: (THROTTLE.uploadKbps * 1000) / 8,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuSlowdown });
        await page.addInitScript(recordContentTime);
        await page.goto(`${site.url}${path}`);
        await page.locator('main h1, main [role=alert]').first().waitFor();
        await page.locator('main .status').waitFor({ state: 'detached' });
        const timing = (await page.evaluate(
          "({ content: window.contentAt, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime })",
        )) as { content: number; paint: number };
        firstPaints.push(timing.paint);
        contents.push(timing.content);
        await context.close();
      }
      const result = {
        page: name,
        jsGzipKb: gzipKb(site.built.scripts),
        firstPaintMs: Math.round(median(firstPaints)),
        contentMs: Math.round(median(contents)),
      };
      pages.push({
        ...result,
        withinBudget: result.jsGzipKb <= WEB_BUDGET.jsGzipKb && result.contentMs <= WEB_BUDGET.firstRenderMs,
      });
      log(
        `web: ${name} ${result.jsGzipKb} KB gzip, first paint ${result.firstPaintMs} ms, content ${result.contentMs} ms`,
      );
    }
    return { throttle: THROTTLE, runs: RUNS, pages };
  } finally {
    await browser.close();
    await site.stop();
    await engine.stop();
  }
}
