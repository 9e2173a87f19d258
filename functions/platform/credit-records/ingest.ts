import { conflict, type InvalidField, invalid } from '../../../shared/domain-errors.js';
import { contentHash, contentOf } from './content.js';
import type { CreditRecord, CreditRecordContent } from './model.js';
import type { StoredCreditRecord } from './store.js';

export type IngestOutcome = 'created' | 'updated' | 'unchanged';

export interface IngestDecision {
  recordId: string;
  outcome: IngestOutcome;
  /** The record as it will be stored; absent when nothing changes. */
  next?: CreditRecord;
  previous?: StoredCreditRecord;
}

/**
 * Decides what a batch does to the records already stored. Re-sending identical content
 * changes nothing; changed content becomes the record's next version and keeps its lifecycle
 * (repair, objections). The batch is judged as a whole: one bad item rejects all of it.
 */
export function decideIngest(
  inputs: CreditRecordContent[],
  existing: ReadonlyMap<string, StoredCreditRecord>,
): IngestDecision[] {
  const errors: InvalidField[] = [];
  const firstIndex = new Map<string, number>();
  inputs.forEach((input, index) => {
    const seen = firstIndex.get(input.recordId);
    if (seen === undefined) firstIndex.set(input.recordId, index);
    else errors.push({ path: `records.${index}.recordId`, message: `repeats records.${seen}.recordId` });
  });
  if (errors.length > 0) throw invalid(errors, 'A record id appears more than once in the batch.');

  const revoked = inputs
    .map((input, index) => ({ input, index, previous: existing.get(input.recordId) }))
    .filter(({ input, previous }) => previous?.revocation && previous.contentHash !== contentHash(input));
  if (revoked.length > 0) {
    throw conflict(
      `Revoked records cannot be published again: ${revoked.map(({ index }) => `records.${index}`).join(', ')}.`,
    );
  }

  return inputs.map((input) => {
    const previous = existing.get(input.recordId);
    if (!previous) {
      return {
        recordId: input.recordId,
        outcome: 'created',
        next: { ...contentOf(input), version: 1, objections: [] },
      };
    }
    if (previous.contentHash === contentHash(input)) {
      return { recordId: input.recordId, outcome: 'unchanged', previous };
    }
    const { repair, revocation, objections } = previous;
    return {
      recordId: input.recordId,
      outcome: 'updated',
      previous,
      next: {
        ...contentOf(input),
        version: previous.version + 1,
        objections,
        ...(repair ? { repair } : {}),
        ...(revocation ? { revocation } : {}),
      },
    };
  });
}
