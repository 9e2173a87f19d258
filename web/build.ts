import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const webDir = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(webDir, '..');
/** Where `npm run build:web`, `npm start` and the tests put the site. */
export const defaultOutDir = join(webDir, 'dist');
/** The site's hashed files live here; everything else is the page shell. */
export const ASSETS_PREFIX = '/assets/';

/** What a build made, also written to `build.json` in the output (the local server and the bench read it). */
export interface WebBuild {
  builtAt: number;
  /** Every source file the bundle read, relative to the repository (a newer one makes the build stale). */
  inputs: string[];
  /** The JavaScript every page loads (one bundle: see web/src/main.tsx). */
  scripts: string[];
  stylesheets: string[];
}

const shell = (scripts: string[], stylesheets: string[]) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>信用+ 公共信用查询</title>
<link rel="icon" href="data:,">
${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n')}
</head>
<body>
<div id="app"></div>
<noscript>本页需要 JavaScript。This page needs JavaScript.</noscript>
</body>
</html>
`;

/**
 * Builds the public pages into `outDir`: one `index.html` shell served for every page URL, and
 * a content-hashed script and stylesheet under `assets/` (cacheable forever). The CDK app calls this
 * before uploading the folder; `npm start` calls it when the build is missing or stale.
 */
export async function buildWeb(outDir: string = defaultOutDir): Promise<WebBuild> {
  rmSync(outDir, { recursive: true, force: true });
  const assetsDir = join(outDir, 'assets');
  mkdirSync(assetsDir, { recursive: true });
  const result = await build({
    absWorkingDir: repositoryRoot,
    entryPoints: [join(webDir, 'src/main.tsx')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs);
  const url = (file: string) => `/${relative(outDir, resolve(repositoryRoot, file)).split('\\').join('/')}`;
  const scripts = outputs.filter((file) => file.endsWith('.js')).map(url);
  const stylesheets = outputs.filter((file) => file.endsWith('.css')).map(url);
  writeFileSync(join(outDir, 'index.html'), shell(scripts, stylesheets));
  const built: WebBuild = {
    builtAt: Date.now(),
    inputs: Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules')),
    scripts,
    stylesheets,
  };
  writeFileSync(join(outDir, 'build.json'), JSON.stringify(built, null, 2));
  return built;
}

/** The build in `outDir`, or undefined when there is none or a source file changed since. */
export function currentBuild(outDir: string = defaultOutDir): WebBuild | undefined {
  let built: WebBuild;
  try {
    built = JSON.parse(readFileSync(join(outDir, 'build.json'), 'utf8')) as WebBuild;
  } catch {
    return undefined;
  }
  const changed = [...built.inputs, 'web/build.ts'].some((input) => {
    try {
      return statSync(resolve(repositoryRoot, input)).mtimeMs > built.builtAt;
    } catch {
      return true;
    }
  });
  return changed ? undefined : built;
}

/** The site, built first when missing or stale (esbuild takes well under a second). */
export async function ensureWebBuilt(outDir: string = defaultOutDir): Promise<WebBuild> {
  return currentBuild(outDir) ?? (await buildWeb(outDir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : defaultOutDir;
  const built = await buildWeb(outDir);
  console.log(`web pages built into ${relative(process.cwd(), outDir) || '.'} (${built.inputs.length} source files)`);
}
