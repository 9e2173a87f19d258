import { matchPage } from './src/routes.js';

test('each public page URL finds its page and parameters; fixed segments win', () => {
  expect(matchPage('/')).toEqual({ page: 'home', params: {} });
  expect(matchPage('/w/JA-0001')).toEqual({ page: 'badge', params: { badgeNo: 'JA-0001' } });
  expect(matchPage('/shopping/method')).toEqual({ page: 'method', params: {} });
  expect(matchPage('/shopping/2026H2')).toEqual({ page: 'ranking', params: { period: '2026H2' } });
  expect(matchPage('/shopping/2026H2/districts/xujiahui')).toEqual({
    page: 'district',
    params: { period: '2026H2', districtId: 'xujiahui' },
  });
  expect(matchPage('/shopping/merchants/91310101MA1NJD025C')?.page).toBe('merchant');
  expect(matchPage('/care/agencies/')?.page).toBe('agencies');
  expect(matchPage('/subjects/%E4%B8%8A')).toEqual({ page: 'subject', params: { uscc: '上' } });
  expect(matchPage('/subjects/%E4')).toBeUndefined();
  expect(matchPage('/w')).toBeUndefined();
  expect(matchPage('/care/agencies/x/y')).toBeUndefined();
});
