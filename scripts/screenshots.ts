import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoPagePaths, startDemoSite } from '../local/demo-site.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { repositoryRoot } from '../local/settings.js';
import { desktop, launchChromium, mobile } from '../test/browser/chromium.js';

// `npm run screenshots`: every public page with the demo data, at desktop width and at 360 px.
const outDir = join(repositoryRoot, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });
const engine = await startDynamoDbLocal();
const site = await startDemoSite(engine.endpoint);
const browser = await launchChromium();
try {
  for (const [viewportName, viewport] of [
    ['desktop', desktop],
    ['mobile', mobile],
  ] as const) {
    const context = await browser.newContext({ ...viewport, deviceScaleFactor: 1 });
    for (const [name, path] of Object.entries(demoPagePaths(site.links, site.url))) {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}`);
      await page.locator('main h1, main [role=alert]').first().waitFor();
      await page.locator('main .status').waitFor({ state: 'detached' });
      const file = join(outDir, `${name}-${viewportName}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file.slice(repositoryRoot.length)}`);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.stop();
  await engine.stop();
}
