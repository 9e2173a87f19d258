import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb, type WebBuild } from '../web/build.js';
import { type DemoLinks, demoLinks } from './demo-links.js';
import { startInProcessPlatform } from './in-process-platform.js';
import { devClientIdFor } from './registry-access.js';
import { type SeedTarget, seedDemoData } from './seed.js';
import { localSite } from './site.js';

/**
 * The public pages over the in-process platform loaded with the demo data, on a loopback port:
 * what the browser tests, `npm run screenshots` and the page benchmark open. The site is built
 * into a folder of its own, so a running `npm start` and its web/dist are left alone.
 */
export async function startDemoSite(databaseEndpoint: string) {
  const outDir = mkdtempSync(join(tmpdir(), 'credit-plus-web-'));
  const [built, platform] = await Promise.all([buildWeb(outDir), startInProcessPlatform(databaseEndpoint)]);
  const target: SeedTarget = {
    call: (method, path, token, body) =>
      platform.call(method, path, { token, ...(body === undefined ? {} : { body }) }),
    mint: (scopes, claims) =>
      platform.token({ scopes, ...(claims ? { clientId: devClientIdFor(claims), ...claims } : {}) }),
    eventsSettled: () => platform.deliverEvents(),
  };
  await seedDemoData(target);
  // Scores, summaries and flags follow from events: the pages show them once they have been delivered.
  await platform.deliverEvents();
  const server = await platform.listen(localSite(outDir));
  const links: DemoLinks = await demoLinks(target, server.url);
  return {
    url: server.url,
    built: built as WebBuild,
    outDir,
    platform,
    target,
    links,
    stop: async () => {
      await server.close();
      await platform.stop();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Each public page once, filled with demo data (the badge and review links need fresh codes). */
export function demoPagePaths(links: DemoLinks, url: string): Record<string, string> {
  return {
    home: '/',
    badge: links.validBadge.replace(url, ''),
    'badge-expired': links.expiredBadge.replace(url, ''),
    review: links.review.replace(url, ''),
    agencies: '/care/agencies?q=家政',
    agency: '/care/agencies/91310104MA1KC2PD3R',
    ranking: '/shopping/2026H2',
    district: '/shopping/2026H2/districts/nanjing-road-east',
    merchant: '/shopping/merchants/91310101MA1NJD025C',
    method: '/shopping/method',
    subject: '/subjects/91310107632154876A',
  };
}
