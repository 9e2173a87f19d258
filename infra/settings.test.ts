import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readSettings } from './settings.js';

const settingsOf = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('deployment settings from CDK context', () => {
  test('synthesis needs no context: every value has a safe default', () => {
    expect(settingsOf({})).toEqual({
      stage: 'dev',
      logRetention: RetentionDays.THREE_MONTHS,
      logLevel: 'INFO',
      functionMemoryMb: 1024,
      apiRateLimit: 200,
      apiBurstLimit: 400,
      publicRateLimitPer5Min: 600,
      ipRateLimitPer5Min: 3000,
      clientRateLimit: 50,
      clientBurstLimit: 100,
      resourceServerId: 'credit-plus',
      archiveRetentionDays: 365,
    });
  });

  test('values given on the command line arrive as strings and are parsed', () => {
    const settings = settingsOf({
      stage: 'prod',
      alarmEmail: 'ops@example.com',
      logRetentionDays: '30',
      logLevel: 'warn',
      apiRateLimit: '50',
      publicOrigin: 'https://credit.example.cn',
    });
    expect(settings).toMatchObject({
      publicOrigin: 'https://credit.example.cn',
      stage: 'prod',
      alarmEmail: 'ops@example.com',
      logRetention: RetentionDays.ONE_MONTH,
      logLevel: 'WARN',
      apiRateLimit: 50,
    });
  });

  test('bad values stop synthesis with a message naming the context key', () => {
    expect(() => settingsOf({ stage: 'Prod!' })).toThrow(/"stage"/);
    expect(() => settingsOf({ logRetentionDays: '31' })).toThrow(/"logRetentionDays"/);
    expect(() => settingsOf({ apiRateLimit: '-1' })).toThrow(/"apiRateLimit"/);
    expect(() => settingsOf({ logLevel: 'LOUD' })).toThrow(/"logLevel"/);
    for (const origin of ['http://credit.example.cn', 'https://credit.example.cn/', 'https://credit.example.cn/w']) {
      expect(() => settingsOf({ publicOrigin: origin })).toThrow(/"publicOrigin" must be an https origin/);
    }
    expect(() => settingsOf({ ipRateLimitPer5Min: '9' })).toThrow(
      /"ipRateLimitPer5Min" must be an integer of at least 10/,
    );
  });
});
