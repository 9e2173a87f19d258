import { conflict, type InvalidField, invalid, notFound } from '../../../shared/domain-errors.js';
import { startOfShanghaiDay } from '../../../shared/time.js';
import { withdrawsCurrentVersion } from './counting.js';
import type { CreditRecord, Objection } from './model.js';

/** Clocks differ a little between an authority's systems and ours; more than this is an error. */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A retry may write the same instant with another offset (08:00+08:00 is 00:00Z). */
const sameInstant = (a: string | undefined, b: string) => a !== undefined && Date.parse(a) === Date.parse(b);

export type LifecycleChange = { kind: 'unchanged' } | { kind: 'changed'; record: CreditRecord };

function checkInstant(
  field: string,
  value: string,
  record: CreditRecord,
  now: Date,
  notBefore?: { at: string; name: string },
) {
  const errors: InvalidField[] = [];
  const instant = Date.parse(value);
  if (instant < startOfShanghaiDay(record.decidedAt)) {
    errors.push({ path: field, message: `must not be before the record's decision date ${record.decidedAt}` });
  }
  if (notBefore && instant < Date.parse(notBefore.at)) {
    errors.push({ path: field, message: `must not be before ${notBefore.name} ${notBefore.at}` });
  }
  if (instant > now.getTime() + ALLOWED_CLOCK_SKEW_MS) {
    errors.push({ path: field, message: 'must not be in the future' });
  }
  if (errors.length > 0) throw invalid(errors, 'The dates are out of order.');
}

function existing(record: CreditRecord | undefined, recordId: string): CreditRecord {
  if (!record) throw notFound(`No credit record ${recordId} exists.`);
  return record;
}

function refuseIfRevoked(record: CreditRecord, action: string): void {
  if (record.revocation) throw conflict(`Record ${record.recordId} was revoked; it cannot be ${action}.`);
}

/** Credit repair: the record counts before `repairedAt` and not from then on. */
export function decideRepair(
  current: CreditRecord | undefined,
  recordId: string,
  input: { repairedAt: string; reason: string },
  now: Date,
): LifecycleChange {
  const record = existing(current, recordId);
  // A re-sent repair stays a no-op whatever happened to the record since.
  if (record.repair && sameInstant(record.repair.repairedAt, input.repairedAt) && record.repair.reason === input.reason)
    return { kind: 'unchanged' };
  refuseIfRevoked(record, 'repaired');
  if (record.repair) throw conflict(`Record ${recordId} was already repaired at ${record.repair.repairedAt}.`);
  checkInstant('repairedAt', input.repairedAt, record, now);
  return { kind: 'changed', record: { ...record, repair: { ...input } } };
}

/** Revocation: the decision was withdrawn, so the record never counted. */
export function decideRevoke(
  current: CreditRecord | undefined,
  recordId: string,
  input: { revokedAt: string; reason: string },
  now: Date,
): LifecycleChange {
  const record = existing(current, recordId);
  if (record.revocation) {
    const same = sameInstant(record.revocation.revokedAt, input.revokedAt) && record.revocation.reason === input.reason;
    if (same) return { kind: 'unchanged' };
    throw conflict(`Record ${recordId} was already revoked at ${record.revocation.revokedAt}.`);
  }
  checkInstant('revokedAt', input.revokedAt, record, now);
  return { kind: 'changed', record: { ...record, revocation: { ...input } } };
}

const openObjection = (record: CreditRecord): Objection | undefined =>
  record.objections.find((objection) => objection.resolvedAt === undefined);

/** An objection flags the record until it is resolved; one may be open at a time. */
export function decideRaiseObjection(
  current: CreditRecord | undefined,
  recordId: string,
  input: { raisedAt: string; reason: string },
  now: Date,
): LifecycleChange {
  const record = existing(current, recordId);
  // A re-sent objection stays a no-op after it was resolved (or the record revoked).
  if (
    record.objections.some(
      (objection) => sameInstant(objection.raisedAt, input.raisedAt) && objection.reason === input.reason,
    )
  )
    return { kind: 'unchanged' };
  refuseIfRevoked(record, 'disputed');
  if (record.objections.some((objection) => withdrawsCurrentVersion(objection, record))) {
    throw conflict(
      `An objection to version ${record.version} of record ${recordId} was already upheld; that version no longer counts.`,
    );
  }
  const open = openObjection(record);
  if (open) {
    throw conflict(`Record ${recordId} already has an objection open since ${open.raisedAt}.`);
  }
  const last = record.objections.at(-1);
  checkInstant(
    'raisedAt',
    input.raisedAt,
    record,
    now,
    last?.resolvedAt ? { at: last.resolvedAt, name: "the last objection's resolution" } : undefined,
  );
  return {
    kind: 'changed',
    record: { ...record, objections: [...record.objections, { version: record.version, ...input }] },
  };
}

/** Upheld withdraws the disputed version as erroneous; rejected leaves it counting (docs/decisions.md). */
export function decideResolveObjection(
  current: CreditRecord | undefined,
  recordId: string,
  input: { resolvedAt: string; outcome: 'upheld' | 'rejected' },
  now: Date,
): LifecycleChange {
  const record = existing(current, recordId);
  const open = openObjection(record);
  if (!open) {
    const last = record.objections.at(-1);
    if (last && sameInstant(last.resolvedAt, input.resolvedAt) && last.outcome === input.outcome) {
      return { kind: 'unchanged' };
    }
    throw conflict(`Record ${recordId} has no open objection to resolve.`);
  }
  checkInstant('resolvedAt', input.resolvedAt, record, now, { at: open.raisedAt, name: "the objection's raisedAt" });
  const resolved: Objection = { ...open, resolvedAt: input.resolvedAt, outcome: input.outcome };
  return {
    kind: 'changed',
    record: {
      ...record,
      objections: record.objections.map((objection) => (objection === open ? resolved : objection)),
    },
  };
}
