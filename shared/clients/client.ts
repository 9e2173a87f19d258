import { type Scope, scopes } from '../auth/scopes.js';
import { parseUscc } from '../uscc.js';

/**
 * A machine client the API knows: the scopes it may hold and the claims that limit what it may
 * touch. In AWS the secret lives in Cognito (the client id is the app client's id); locally the
 * registry keeps a hash of it, for the local token endpoint.
 */
export interface RegisteredClient {
  clientId: string;
  scopes: Scope[];
  district?: string;
  agency?: string;
  /** Local token endpoint only: `scrypt$…` of the client secret (shared/clients/secret.ts). */
  secretHash?: string;
  /** Registered by `npm run token` with the documented dev secret, so it may re-register it. */
  devClient?: boolean;
}

export class ClientRegistrationError extends Error {}

const clientIdPattern = /^[\w.-]{1,128}$/;
const districtPattern = /^[\w.-]{1,64}$/;

/**
 * The rules of a registration, the same for the clients CLI, `npm run token` and the tests: a
 * district client needs its district, an agency client a valid agency USCC (stored normalised).
 */
export function validateRegistration(input: {
  clientId: string;
  scopes: readonly string[];
  district?: string | undefined;
  agency?: string | undefined;
}): Pick<RegisteredClient, 'clientId' | 'scopes' | 'district' | 'agency'> {
  if (!clientIdPattern.test(input.clientId)) {
    throw new ClientRegistrationError(`client id "${input.clientId}" must be 1-128 letters, digits, '_', '-' or '.'`);
  }
  const unknown = input.scopes.filter((scope) => !(scopes as readonly string[]).includes(scope));
  if (unknown.length > 0) {
    throw new ClientRegistrationError(`unknown scope ${unknown.join(', ')} (scopes: ${scopes.join(', ')})`);
  }
  if (input.scopes.length === 0) throw new ClientRegistrationError('a client needs at least one --scope');
  const granted = [...new Set(input.scopes)] as Scope[];
  if (input.district !== undefined && !districtPattern.test(input.district)) {
    throw new ClientRegistrationError(`district "${input.district}" must be 1-64 letters, digits, '_', '-' or '.'`);
  }
  if (granted.includes('merchants:write') && input.district === undefined) {
    throw new ClientRegistrationError('merchants:write needs --district <district id>');
  }
  let agency: string | undefined;
  if (input.agency !== undefined) {
    const parsed = parseUscc(input.agency);
    if (!parsed.ok)
      throw new ClientRegistrationError(`--agency is not a valid USCC (${parsed.rule}): ${parsed.message}`);
    agency = parsed.value;
  }
  if (granted.includes('care:write') && agency === undefined) {
    throw new ClientRegistrationError('care:write needs --agency <agency USCC>');
  }
  return {
    clientId: input.clientId,
    scopes: granted,
    ...(input.district !== undefined ? { district: input.district } : {}),
    ...(agency !== undefined ? { agency } : {}),
  };
}

/** The district and agency claims a client's access tokens carry: exactly its registration's. */
export function registeredClaims(client: RegisteredClient): { district?: string; agency?: string } {
  return {
    ...(client.district !== undefined ? { district: client.district } : {}),
    ...(client.agency !== undefined ? { agency: client.agency } : {}),
  };
}
