import { accessTokenOverrides, UnregisteredClientError } from './pre-token-generation.js';

const prefix = 'credit-plus/';

describe('accessTokenOverrides (the pre-token-generation trigger’s claims)', () => {
  test('adds the registration’s district and agency and nothing else', () => {
    expect(
      accessTokenOverrides(
        'district-app',
        { clientId: 'district-app', scopes: ['merchants:write'], district: 'jingan', secretHash: 'scrypt$x$y' },
        ['credit-plus/merchants:write'],
        prefix,
      ),
    ).toEqual({ claimsToAddOrOverride: { district: 'jingan' }, scopesToSuppress: [] });
    expect(accessTokenOverrides('platform', { clientId: 'platform', scopes: ['records:write'] }, [], prefix)).toEqual({
      claimsToAddOrOverride: {},
      scopesToSuppress: [],
    });
  });

  test('suppresses our scopes the registration does not list, leaves other resource servers alone', () => {
    const overrides = accessTokenOverrides(
      'platform',
      { clientId: 'platform', scopes: ['records:write'] },
      ['credit-plus/records:write', 'credit-plus/care:admin', 'other-api/read'],
      prefix,
    );
    expect(overrides.scopesToSuppress).toEqual(['credit-plus/care:admin']);
  });

  test('an unregistered client gets no token', () => {
    expect(() => accessTokenOverrides('stranger', undefined, ['credit-plus/records:write'], prefix)).toThrow(
      UnregisteredClientError,
    );
  });
});
