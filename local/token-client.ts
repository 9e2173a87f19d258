import { LOCAL_SCOPE_PREFIX } from './issuer.js';

export class TokenRequestError extends Error {}

/**
 * Gets an access token from a token endpoint exactly as a client gets one from Cognito:
 * client-credentials grant, HTTP Basic client authentication, `<resource server>/<scope>` scopes.
 */
export async function requestToken(
  baseUrl: string,
  request: { clientId: string; clientSecret: string; scopes: readonly string[]; scopePrefix?: string },
): Promise<string> {
  const prefix = request.scopePrefix ?? LOCAL_SCOPE_PREFIX;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${request.clientId}:${request.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: request.scopes.map((scope) => `${prefix}${scope}`).join(' '),
      }),
    });
  } catch {
    throw new TokenRequestError(`nothing answers at ${baseUrl}: is \`npm start\` running (PORT)?`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    const reason = typeof body.error === 'string' ? `${body.error}: ${body.error_description ?? ''}` : 'no token';
    throw new TokenRequestError(`the token endpoint at ${baseUrl} refused (${response.status} ${reason.trim()})`);
  }
  return body.access_token;
}
