import { DomainError } from '../../../shared/domain-errors.js';
import { buildUscc } from '../../../shared/uscc.js';
import type { CreditData, SubjectSummary } from '../../platform/public.js';
import { makeRecord } from '../../platform/testing.js';
import { checkUntil, startWatch, verdictChanges, type WatchEntry } from './watch.js';

const now = new Date('2026-11-20T02:00:00.000Z');
const listed = buildUscc({ orgCodeBody: 'MA1WA001' });
const clean = buildUscc({ orgCodeBody: 'MA1WA002' });
const listing = makeRecord({
  category: 'dishonest-judgment-debtor',
  subject: { uscc: listed, name: '失信' },
  decidedAt: '2026-11-01',
  validFrom: '2026-11-01',
  validTo: undefined,
});
const data: CreditData = {
  summaries: new Map([
    [listed, { uscc: listed, version: 4, updatedAt: '', records: [listing] } as unknown as SubjectSummary],
  ]),
  lastFed: {},
};

describe('until: in the future, at most a year ahead', () => {
  test.each([
    ['2026-11-20T02:00:00.001Z', true],
    ['2026-11-20T02:00:00.000Z', false],
    ['2027-11-20T02:00:00.000Z', true],
    ['2027-11-20T02:00:00.001Z', false],
  ])('%s → accepted: %s', (until, accepted) => {
    if (accepted) {
      expect(() => checkUntil(until, now)).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      checkUntil(until, now);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields).toEqual([{ path: 'until', message: expect.any(String) }]);
  });
});

describe('starting a watch', () => {
  test('each supplier gets its verdict as of now and the summary version it came from; consortia their worst', () => {
    const { entries, view, watch } = startWatch(
      {
        clientId: 'portal',
        projectId: 'P-1',
        until: '2027-01-01T00:00:00.000Z',
        suppliers: [
          { uscc: listed, name: '失信' },
          { uscc: clean, name: '清白' },
        ],
        consortia: [{ consortiumId: 'LT-1', members: [clean, listed] }],
      },
      data,
      now,
    );
    expect(
      entries.map(({ uscc, verdict, summaryVersion, consortiumId }) => [uscc, verdict, summaryVersion, consortiumId]),
    ).toEqual([
      [listed, 'ineligible', 4, 'LT-1'],
      [clean, 'eligible', 0, 'LT-1'],
    ]);
    expect(view.consortia).toEqual([
      {
        consortiumId: 'LT-1',
        verdict: 'ineligible',
        members: [
          { uscc: clean, verdict: 'eligible' },
          { uscc: listed, verdict: 'ineligible' },
        ],
      },
    ]);
    expect(watch.createdAt).toBe(now.toISOString());
  });
});

describe('a credit change against the watches of its supplier', () => {
  const entry = (overrides: Partial<WatchEntry> = {}): WatchEntry => ({
    uscc: listed,
    name: '失信',
    clientId: 'portal',
    projectId: 'P-1',
    until: '2027-01-01T00:00:00.000Z',
    verdict: 'eligible',
    summaryVersion: 3,
    evaluatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  });
  const judged = { verdict: 'ineligible' as const, reasons: [], summaryVersion: 4 };

  test('a changed verdict from a newer summary raises one alert and moves the entry', () => {
    const [change, ...rest] = verdictChanges([entry({ consortiumId: 'LT-1' })], judged, now);
    expect(rest).toEqual([]);
    expect(change?.previousSummaryVersion).toBe(3);
    expect(change?.entry).toMatchObject({ verdict: 'ineligible', summaryVersion: 4, evaluatedAt: now.toISOString() });
    expect(change?.alert).toMatchObject({
      alertId: `${now.toISOString()}#${listed}#4`,
      previousVerdict: 'eligible',
      verdict: 'ineligible',
      consortiumId: 'LT-1',
      rulesVersion: 'procurement-rules/2026.2',
    });
  });

  test.each<[string, Partial<WatchEntry>]>([
    ['the same verdict', { verdict: 'ineligible' }],
    ['an entry already judged from this summary (duplicate event)', { summaryVersion: 4, verdict: 'review' }],
    ['an entry judged from a newer summary (late event)', { summaryVersion: 5 }],
    ['an expired watch', { until: now.toISOString() }],
  ])('%s changes nothing', (_name, overrides) => {
    expect(verdictChanges([entry(overrides)], judged, now)).toEqual([]);
  });

  test('every live watch of the supplier gets its own alert', () => {
    const changes = verdictChanges([entry(), entry({ projectId: 'P-2' }), entry({ clientId: 'other' })], judged, now);
    expect(changes.map((change) => [change.entry.clientId, change.alert.projectId])).toEqual([
      ['portal', 'P-1'],
      ['portal', 'P-2'],
      ['other', 'P-1'],
    ]);
  });
});
