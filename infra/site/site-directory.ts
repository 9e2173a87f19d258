import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../naming.js';

/** Where `npm run build:web` writes the pages, and what `cdk synth` deploys. */
export const siteDirectory = join(repoRoot, 'web/dist');

/** The web build's entry point: `buildWeb(outDir)` writes the index.html shell and hashed assets. */
const webBuildModule = join(repoRoot, 'web/build.ts');

/**
 * THE one place the web build is wired into the CDK app (infra/app.ts calls it before synthesis).
 * When the web build exists it always runs, so a deployment never ships pages older than the
 * checkout; without it, an existing `web/dist` is deployed as it is; with neither, synthesis stops.
 */
export async function prepareSiteDirectory(): Promise<string> {
  if (existsSync(webBuildModule)) {
    const { buildWeb } = (await import(pathToFileURL(webBuildModule).href)) as {
      buildWeb: (outDir: string) => unknown;
    };
    await buildWeb(siteDirectory);
  }
  if (!existsSync(join(siteDirectory, 'index.html'))) {
    throw new Error(
      `The public pages are not built: ${siteDirectory}/index.html is missing and there is no web/build.ts to ` +
        'build them. Run `npm run build:web`, then synthesise again.',
    );
  }
  return siteDirectory;
}
