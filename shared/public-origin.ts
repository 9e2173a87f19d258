/**
 * PUBLIC_ORIGIN (manifest access `public-origin`): where the public pages are served, the
 * CloudFront distribution in AWS and the running server locally. There is no fallback: like
 * `config()`, a function deployed without the grant fails at its first request, saying what is missing.
 */
export function configuredPublicOrigin(environment: NodeJS.ProcessEnv = process.env): string {
  const origin = environment.PUBLIC_ORIGIN;
  if (!origin || !/^https?:\/\/[^/?#\s]+$/.test(origin)) {
    throw new Error(
      `Invalid configuration: PUBLIC_ORIGIN must be an origin such as https://host (the manifest grants it ` +
        `with access 'public-origin'), got ${JSON.stringify(origin)}`,
    );
  }
  return origin;
}
