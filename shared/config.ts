import * as z from 'zod/mini';
import './zod-locale.js';

const configSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  /** Only set locally and in tests: the DynamoDB Local endpoint. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'cn-north-1'),
  /** The token issuer (`iss`) accepted on protected routes; functions without them need none. */
  AUTH_ISSUER: z.optional(z.string().check(z.minLength(1))),
  /** Where the issuer's signing keys are published (Cognito: <issuer>/.well-known/jwks.json). */
  AUTH_JWKS_URL: z.optional(z.url()),
  /** The issuer's public keys inline, as a JWKS JSON document (the local runtime and tests). */
  AUTH_JWKS: z.optional(z.string()),
  /** Cognito writes scopes as `<resource-server>/<scope>`; this prefix is stripped before checks. */
  AUTH_SCOPE_PREFIX: z._default(z.string(), ''),
  /** The one signature algorithm accepted: Cognito signs with RS256, the local issuer with ES256. */
  AUTH_TOKEN_ALGORITHM: z._default(z.enum(['ES256', 'RS256']), 'ES256'),
  /** Longest accepted token lifetime (exp - iat): what the issuer issues (Cognito clients and the local issuer: 1 h). */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z._default(z.coerce.number().check(z.int(), z.positive()), 3600),
  /** Only the local token endpoint: the local issuer's private key file (never deployed). */
  LOCAL_ISSUER_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
  SERVICE_NAME: z._default(z.string(), 'credit-plus'),
});

export type Config = z.output<typeof configSchema>;

let cached: Config | undefined;

/**
 * Reads and validates the environment once per cold start; a misconfigured function fails at
 * its first request with a message naming every missing or bad variable.
 */
export function config(): Config {
  if (cached) return cached;
  const parsed = configSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
