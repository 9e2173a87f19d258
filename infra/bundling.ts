import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled: ONE plain description that both the CDK app (through
 * `cdkBundlingOptions`) and the benchmark (through `esbuildBuildOptions`) turn into an esbuild
 * run, so a measured bundle is byte-for-byte the bundle that gets deployed.
 */
export interface FunctionBundleDescription {
  readonly format: 'esm';
  readonly platform: 'node';
  /** esbuild's target; matches the Lambda runtime (nodejs24.x). */
  readonly target: string;
  readonly minify: boolean;
  /** A linked `.map` file next to the bundle (NODE_OPTIONS=--enable-source-maps reads it). */
  readonly sourcemap: boolean;
  /** Prefer the ESM build of dependencies that ship both. */
  readonly mainFields: readonly string[];
  /** Modules replaced by a file of ours (paths relative to the repository root). */
  readonly alias: Readonly<Record<string, string>>;
  /** Prepended to the bundle: defines `require` for CommonJS dependencies inside an ES module. */
  readonly banner: string;
  /** The file name the CDK gives an ESM bundle (the handler is `index.handler`). */
  readonly outputFile: string;
}

/** esbuild resolves the alias paths from here, as the CDK does when it bundles in the project root. */
const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

export const functionBundle: FunctionBundleDescription = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  // Our SDK clients take `fromEnv()` credentials, so the default provider chain (SSO, INI files,
  // process and web-identity providers) is replaced by a stub. Marking it external instead would
  // still load it from the runtime's node_modules at every cold start (a static ESM import).
  alias: { '@aws-sdk/credential-provider-node': './shared/aws/no-default-credentials.ts' },
  // Aliased import so that it cannot collide with a `createRequire` the bundle itself imports.
  banner:
    "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  outputFile: 'index.mjs',
};

/**
 * The CDK's NodejsFunction bundling options for a description. The CDK always bundles for
 * `--platform=node`; `externalModules` replaces its default (`@aws-sdk/*`), so the SDK version
 * we pin and test is the one that is deployed.
 */
export function cdkBundlingOptions(bundle: FunctionBundleDescription = functionBundle): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: bundle.target,
    minify: bundle.minify,
    sourceMap: bundle.sourcemap,
    mainFields: [...bundle.mainFields],
    externalModules: [],
    esbuildArgs: Object.fromEntries(Object.entries(bundle.alias).map(([module, file]) => [`--alias:${module}`, file])),
    banner: bundle.banner,
    // Output only: esbuild's size table for every function would bury synth's own messages.
    logLevel: LogLevel.WARNING,
  };
}

/** The same description as esbuild API options, for building one entry outside the CDK. */
export function esbuildBuildOptions(
  entry: string,
  outdir: string,
  bundle: FunctionBundleDescription = functionBundle,
): BuildOptions {
  return {
    entryPoints: [entry],
    outfile: join(outdir, bundle.outputFile),
    bundle: true,
    format: bundle.format,
    platform: bundle.platform,
    target: bundle.target,
    minify: bundle.minify,
    sourcemap: bundle.sourcemap,
    mainFields: [...bundle.mainFields],
    alias: { ...bundle.alias },
    absWorkingDir: repositoryRoot,
    banner: { js: bundle.banner },
  };
}
