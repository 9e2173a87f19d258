import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../naming.js';

/**
 * THE one place the web build is wired into the CDK app (infra/app.ts calls it before synthesis)
 * and the directory `cdk synth` deploys: `<root>/web/dist`, where `npm run build:web` writes.
 * When the web build (`web/build.ts`, exporting `buildWeb(outDir)`) exists it always runs, so a
 * deployment never ships pages older than the checkout; without it an existing `web/dist` is
 * deployed as it is; with neither, synthesis stops saying so.
 */
export async function prepareSiteDirectory(root: string = repoRoot): Promise<string> {
  const siteDirectory = join(root, 'web/dist');
  const webBuildModule = join(root, 'web/build.ts');
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
