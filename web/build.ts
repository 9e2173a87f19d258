import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type PageId, pagePatterns } from './src/routes.js';

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
  /** The JavaScript files a browser loads for each page: the shell and the page's own chunks. */
  pageScripts: Record<PageId, string[]>;
  stylesheets: string[];
}

const shell = (scripts: string[], preloads: string[], stylesheets: string[]) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>信用+ 公共信用查询</title>
<link rel="icon" href="data:,">
${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
${preloads.map((href) => `<link rel="modulepreload" href="${href}">`).join('\n')}
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
 * content-hashed scripts and styles under `assets/` (cacheable forever). The CDK app calls this
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
    splitting: true,
    format: 'esm',
    minify: true,
    target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const url = (file: string) => `/${relative(outDir, resolve(repositoryRoot, file)).split('\\').join('/')}`;
  /** A script and every chunk it imports statically: what the browser must fetch before it runs. */
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') closure(imported.path, seen);
    }
    return seen;
  };
  const files = Object.keys(outputs);
  const main = files.find((file) => outputs[file]!.entryPoint?.endsWith('src/main.tsx') && file.endsWith('.js'))!;
  const stylesheets = files.filter((file) => file.endsWith('.css')).map(url);
  const shellScripts = [...closure(main)];
  const pageScripts = Object.fromEntries(
    (Object.keys(pagePatterns) as PageId[]).map((page) => {
      const chunk = files.find((file) => outputs[file]!.entryPoint?.endsWith(`src/pages/${page}.tsx`));
      if (!chunk) throw new Error(`no chunk for page ${page}`);
      return [page, [...new Set([...shellScripts, ...closure(chunk)])].map(url)];
    }),
  ) as Record<PageId, string[]>;
  writeFileSync(join(outDir, 'index.html'), shell([url(main)], shellScripts.slice(1).map(url), stylesheets));
  const built: WebBuild = {
    builtAt: Date.now(),
    inputs: Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules')),
    pageScripts,
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
