import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type LocalIssuer, persistentIssuer, TOKEN_LIFETIME_SECONDS } from '../../../local/issuer.js';
import { clientSecretMatches } from '../../../shared/clients/secret.js';
import { getClient } from '../../../shared/clients/store.js';
import { config } from '../../../shared/config.js';
import { dynamo, tableName } from '../../../shared/storage/dynamo.js';
import { grantClientCredentials, type OAuthError } from '../token-grant.js';

let issuer: Promise<LocalIssuer> | undefined;

function localIssuer(): Promise<LocalIssuer> {
  const { LOCAL_ISSUER_KEY_FILE, AUTH_SCOPE_PREFIX } = config();
  if (!LOCAL_ISSUER_KEY_FILE) throw new Error('Invalid configuration: LOCAL_ISSUER_KEY_FILE is required');
  issuer ??= persistentIssuer(LOCAL_ISSUER_KEY_FILE, { scopePrefix: AUTH_SCOPE_PREFIX });
  return issuer;
}

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  // Tokens and token errors are never cached (RFC 6749 §5.1).
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

const oauthError = (status: number, error: OAuthError, description: string, headers?: Record<string, string>) =>
  json(status, { error, error_description: description }, headers);

/** `Basic base64(id:secret)`; the id and secret may be form-encoded (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/**
 * The local stand-in for Cognito's `POST /oauth2/token` (client-credentials grant): the same
 * form fields, client authentication, response and OAuth errors. Never deployed (localOnly).
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value ?? '']),
  );
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(headers['content-type'] ?? '')) {
    return oauthError(400, 'invalid_request', 'send the request as application/x-www-form-urlencoded');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const form = new URLSearchParams(raw);
  const basic = basicCredentials(headers.authorization);
  if (headers.authorization !== undefined && !basic) {
    return oauthError(401, 'invalid_client', 'the Authorization header is not HTTP Basic client credentials', {
      'www-authenticate': 'Basic',
    });
  }
  if (basic && form.has('client_secret')) {
    return oauthError(400, 'invalid_request', 'authenticate with HTTP Basic or with form fields, not both');
  }
  const grant = await grantClientCredentials(
    {
      grantType: form.get('grant_type') ?? undefined,
      scope: form.get('scope') ?? undefined,
      clientId: basic?.id ?? form.get('client_id') ?? undefined,
      clientSecret: basic?.secret ?? form.get('client_secret') ?? undefined,
      basicAuth: basic !== undefined,
    },
    {
      findClient: (clientId) => getClient(dynamo(), tableName(), clientId, { consistent: true }),
      secretMatches: clientSecretMatches,
      scopePrefix: config().AUTH_SCOPE_PREFIX,
    },
  );
  if (!grant.ok) {
    return oauthError(grant.status, grant.error, grant.description, {
      ...(grant.status === 401 && basic ? { 'www-authenticate': 'Basic' } : {}),
    });
  }
  const accessToken = await (await localIssuer()).mint({
    scopes: grant.scopes,
    clientId: grant.clientId,
    ...grant.claims,
    expiresInSeconds: TOKEN_LIFETIME_SECONDS,
  });
  return json(200, { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' });
}
