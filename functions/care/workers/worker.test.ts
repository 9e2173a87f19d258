import { DomainError } from '../../../shared/domain-errors.js';
import { buildResidentId } from '../../../shared/resident-id.js';
import { newSecret, secretHash, secretMatches } from './lookup-code.js';
import { type Badge, decideRegistration, type Person, validityAsOf } from './worker.js';

const now = new Date('2026-11-29T10:00:00+08:00');
const agencyA = 'A'.repeat(18);
const agencyB = 'B'.repeat(18);
const workerKey = 'f'.repeat(64);
const idNumber = buildResidentId({ birthDate: '1975-05-05', sequence: 12 });
const submission = {
  name: '张三明',
  idNumber,
  role: '养老护理员',
  certifications: [{ name: '证书', number: 'N-1', validTo: '2028-01-01' }],
  healthCheckValidTo: '2027-01-01',
  insuranceValidTo: '2026-11-29',
};
const agencyCopy = { agencyName: '安心家政', agencyCreditWindows: [], agencyRevision: 3 };
const decide = (overrides: { existingBadge?: Badge; person?: Person; agency?: string; badgeNo?: string } = {}) =>
  decideRegistration({
    agency: overrides.agency ?? agencyA,
    agencyCopy,
    badgeNo: overrides.badgeNo ?? 'A-1',
    submission,
    workerKey,
    codeHash: 'hash',
    existingBadge: overrides.existingBadge,
    person: overrides.person,
    now,
  });
const kindOfError = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).kind;
  }
  return 'none';
};

test('a new person gets a file with masked name and ID number only', () => {
  const decision = decide();
  expect(decision.kind).toBe('new-person');
  if (decision.kind !== 'new-person') return;
  expect(decision.person).toMatchObject({
    maskedName: '张*明',
    maskedIdNumber: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`,
  });
  expect(JSON.stringify(decision)).not.toContain(idNumber);
  expect(JSON.stringify(decision)).not.toContain('张三明');
});

test('the same person registered by another agency moves: the old file is named for closing', () => {
  const first = decide();
  if (first.kind !== 'new-person') throw new Error('expected a new person');
  const moved = decide({ agency: agencyB, badgeNo: 'B-1', person: first.person });
  expect(moved).toMatchObject({
    kind: 'moved',
    from: { agency: agencyA, badgeNo: 'A-1' },
    person: { current: { agency: agencyB, badgeNo: 'B-1' }, version: 2 },
  });
  if (moved.kind !== 'moved') return;
  expect(moved.person.files).toEqual([
    { agency: agencyA, badgeNo: 'A-1', openedAt: now.toISOString(), closedAt: now.toISOString() },
    { agency: agencyB, badgeNo: 'B-1', openedAt: now.toISOString() },
  ]);
  // One badge per person and agency.
  expect(kindOfError(() => decide({ agency: agencyB, badgeNo: 'B-2', person: moved.person }))).toBe('conflict');
});

test('a new badge carries the agency copy and the ratings the person has earned anywhere', () => {
  const first = decide();
  if (first.kind !== 'new-person') throw new Error('expected a new person');
  expect(first.badge).toMatchObject(agencyCopy);
  expect(first.badge.ratingCount).toBeUndefined();
  const rated = { ...first.person, ratingCount: 2, ratingSum: 9, rating4: 1, rating5: 1 };
  const moved = decide({ agency: agencyB, badgeNo: 'B-1', person: rated });
  expect(moved.kind === 'moved' && moved.badge).toMatchObject({
    ...agencyCopy,
    ratingCount: 2,
    ratingSum: 9,
    rating4: 1,
    rating5: 1,
  });
  // The person's own fields stay with the person.
  expect(moved.kind === 'moved' && moved.badge).not.toHaveProperty('maskedIdNumber');
});

test('a badge of another agency, of another worker, or a closed one is a conflict; the same file is an update', () => {
  const first = decide();
  if (first.kind !== 'new-person') throw new Error('expected a new person');
  const badge = first.badge;
  expect(kindOfError(() => decide({ agency: agencyB, existingBadge: badge }))).toBe('conflict');
  expect(kindOfError(() => decide({ existingBadge: { ...badge, workerKey: 'e'.repeat(64) } }))).toBe('conflict');
  expect(kindOfError(() => decide({ existingBadge: { ...badge, open: false } }))).toBe('conflict');
  expect(decide({ existingBadge: badge }).kind).toBe('unchanged');
  expect(decide({ existingBadge: { ...badge, role: '育婴员' } }).kind).toBe('updated');
});

test('a health check or insurance already over is refused, naming the field', () => {
  const expired = () =>
    decideRegistration({
      agency: agencyA,
      agencyCopy,
      badgeNo: 'A-1',
      submission: { ...submission, insuranceValidTo: '2026-11-28' },
      workerKey,
      codeHash: 'hash',
      existingBadge: undefined,
      person: undefined,
      now,
    });
  expect(() => expired()).toThrow(DomainError);
  try {
    expired();
  } catch (error) {
    expect((error as DomainError).fields).toEqual([
      { path: 'insuranceValidTo', message: 'must not be before today (2026-11-29)' },
    ]);
  }
});

test('validity is a yes/no as of the Shanghai day', () => {
  const papers = {
    role: 'x',
    certifications: submission.certifications,
    healthCheckValidTo: '2026-11-29',
    insuranceValidTo: '2026-11-28',
  };
  expect(validityAsOf(papers, now)).toEqual({
    certificationsValid: true,
    healthCheckValid: true,
    insuranceValid: false,
  });
  expect(validityAsOf({ ...papers, certifications: [] }, now).certificationsValid).toBe(false);
  // 2026-11-29T16:30Z is already 30 November in Shanghai.
  expect(validityAsOf(papers, new Date('2026-11-29T16:30:00Z')).healthCheckValid).toBe(false);
});

test('lookup codes carry 128 random bits, are kept as hashes and match only themselves', () => {
  const code = newSecret();
  expect(Buffer.from(code, 'base64url')).toHaveLength(16);
  expect(new Set(Array.from({ length: 100 }, newSecret)).size).toBe(100);
  expect(secretMatches(code, secretHash(code))).toBe(true);
  expect(secretMatches(newSecret(), secretHash(code))).toBe(false);
  expect(secretMatches(code, undefined)).toBe(false);
});
