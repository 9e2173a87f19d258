import type { BusEvent } from './storage/consumer.js';

/**
 * The environment of a function under a unit test whose AWS clients are mocked
 * (aws-sdk-client-mock): no endpoint, static credentials, quiet logs. Set it before importing
 * the module under test, which reads its configuration once.
 */
export function mockedAwsEnvironment(extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TABLE_NAME: 'credit-plus',
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    LOG_LEVEL: 'SILENT',
    ...extra,
  });
}

/** An EventBridge delivery as a subscriber receives it, carrying `detail` as given. */
export const busDelivery = (source: string, detailType: string, detail: unknown): BusEvent<unknown> => ({
  version: '0',
  id: 'bus-1',
  'detail-type': detailType,
  source,
  account: '000000000000',
  time: '2026-11-29T00:00:00Z',
  region: 'cn-north-1',
  resources: [],
  detail,
});
