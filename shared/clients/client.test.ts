import { buildUscc } from '../uscc.js';
import { ClientRegistrationError, registeredClaims, validateRegistration } from './client.js';
import { clientSecretMatches, hashClientSecret, newClientSecret } from './secret.js';
import { cachedClientDirectory } from './store.js';

const agency = buildUscc({ orgCodeBody: 'MA1AGENC' });

function refusal(input: Parameters<typeof validateRegistration>[0]): string {
  try {
    validateRegistration(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ClientRegistrationError);
    return (error as Error).message;
  }
  throw new Error('expected the registration to be refused');
}

describe('validateRegistration', () => {
  test('merchants:write needs a district, care:write a valid agency USCC', () => {
    expect(refusal({ clientId: 'd', scopes: ['merchants:write'] })).toBe(
      'merchants:write needs --district <district id>',
    );
    expect(refusal({ clientId: 'a', scopes: ['care:write'] })).toBe('care:write needs --agency <agency USCC>');
    const badCheckDigit = `${agency.slice(0, 17)}${agency.endsWith('0') ? '1' : '0'}`;
    expect(refusal({ clientId: 'a', scopes: ['care:write'], agency: badCheckDigit })).toMatch(
      /^--agency is not a valid USCC \(check-digit\)/,
    );
    expect(validateRegistration({ clientId: 'd', scopes: ['merchants:write'], district: 'jingan' })).toEqual({
      clientId: 'd',
      scopes: ['merchants:write'],
      district: 'jingan',
    });
    // Stored normalised, as the API compares it with path parameters.
    expect(validateRegistration({ clientId: 'a', scopes: ['care:write'], agency: agency.toLowerCase() })).toEqual({
      clientId: 'a',
      scopes: ['care:write'],
      agency,
    });
  });

  test('unknown or no scopes, and odd client ids or districts, are refused', () => {
    expect(refusal({ clientId: 'c', scopes: ['records:write', 'admin'] })).toMatch(/^unknown scope admin/);
    expect(refusal({ clientId: 'c', scopes: [] })).toMatch(/at least one --scope/);
    expect(refusal({ clientId: 'has space', scopes: ['records:write'] })).toMatch(/client id/);
    expect(refusal({ clientId: 'd', scopes: ['merchants:write'], district: 'a/b' })).toMatch(/district/);
  });

  test('duplicate scopes collapse; claims are exactly the registration’s', () => {
    const client = validateRegistration({ clientId: 'c', scopes: ['records:write', 'records:write'] });
    expect(client.scopes).toEqual(['records:write']);
    expect(registeredClaims(client)).toEqual({});
    expect(registeredClaims({ clientId: 'x', scopes: [], district: 'jingan', agency })).toEqual({
      district: 'jingan',
      agency,
    });
  });
});

describe('client secrets', () => {
  test('only a hash is kept, and only the same secret matches it', async () => {
    const secret = newClientSecret();
    const hash = await hashClientSecret(secret);
    expect(hash).not.toContain(secret);
    expect(hash).toMatch(/^scrypt\$/);
    await expect(clientSecretMatches(secret, hash)).resolves.toBe(true);
    await expect(clientSecretMatches(`${secret}x`, hash)).resolves.toBe(false);
    await expect(clientSecretMatches(secret, 'plain-text')).resolves.toBe(false);
    // Salted: the same secret hashes differently each time.
    expect(await hashClientSecret(secret)).not.toBe(hash);
  });
});

describe('cachedClientDirectory', () => {
  test('reads a client once per TTL, found or not, and retries after a failed read', async () => {
    let now = 0;
    const reads: string[] = [];
    let failNext = false;
    const directory = cachedClientDirectory(
      async (clientId) => {
        reads.push(clientId);
        if (failNext) {
          failNext = false;
          throw new Error('throttled');
        }
        return clientId === 'known' ? { clientId, scopes: ['records:write'] } : undefined;
      },
      { ttlMs: 1000, now: () => now },
    );
    await directory.find('known');
    await directory.find('known');
    await expect(directory.find('unknown')).resolves.toBeUndefined();
    await directory.find('unknown');
    expect(reads).toEqual(['known', 'unknown']);
    now = 1000;
    failNext = true;
    await expect(directory.find('known')).rejects.toThrow('throttled');
    await expect(directory.find('known')).resolves.toMatchObject({ clientId: 'known' });
    expect(reads).toEqual(['known', 'unknown', 'known', 'known']);
  });
});
