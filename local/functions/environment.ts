import type { DataAccess } from '../../shared/scenario.js';

/** What the local platform can hand a function, before its manifest's grants choose from it. */
export interface LocalPlatformConfig {
  /** What every deployed function gets too: TABLE_NAME, AUTH_*, LOG_LEVEL (plus the local endpoint and region). */
  common: Record<string, string>;
  /** The local stand-in for the KMS signing key (SIGNING_KEY_ID in AWS). */
  signingKeyFile: string;
  /** The local stand-in for the worker-id secret (WORKER_ID_SECRET_ARN in AWS). */
  workerIdSecretFile: string;
  /** The running server's own origin (http://127.0.0.1:<PORT>): it serves the pages too (PUBLIC_ORIGIN in AWS). */
  publicOrigin: string;
  /** The local token issuer's key: only the local token endpoint gets it (Cognito's in AWS). */
  localIssuerKeyFile: string;
}

/**
 * A function's whole environment, as infra/constructs/scenario-functions.ts builds it in AWS:
 * the common variables, its scenario's service name, and a variable only for each resource its
 * manifest `access` grants, so a handler that forgot a grant fails here as it would there.
 */
export function functionEnvironment(
  scenarioId: string,
  access: readonly DataAccess[],
  platform: LocalPlatformConfig,
): Record<string, string> {
  const environment: Record<string, string> = { ...platform.common, SERVICE_NAME: `credit-plus-${scenarioId}` };
  for (const kind of new Set(access)) {
    switch (kind) {
      case 'table:read':
      case 'table:write':
        // The table is named to every function in AWS too; IAM, not configuration, tells reads from writes.
        break;
      case 'signing-key:sign':
      case 'signing-key:public':
        environment.SIGNING_KEY_FILE = platform.signingKeyFile;
        break;
      case 'worker-id-secret:read':
        environment.WORKER_ID_SECRET_FILE = platform.workerIdSecretFile;
        break;
      case 'public-origin':
        environment.PUBLIC_ORIGIN = platform.publicOrigin;
        break;
      case 'local-issuer:sign':
        environment.LOCAL_ISSUER_KEY_FILE = platform.localIssuerKeyFile;
        break;
      default: {
        const unknown: never = kind;
        throw new Error(`No local grant for data access "${String(unknown)}"`);
      }
    }
  }
  return environment;
}
