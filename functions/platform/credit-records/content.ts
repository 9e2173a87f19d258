import { contentHashOf } from '../../../shared/canonical-json.js';
import type { CreditRecordContent } from './model.js';

const contentFields = [
  'recordId',
  'subject',
  'category',
  'severity',
  'authority',
  'decisionNumber',
  'decidedAt',
  'decisionInstant',
  'validFrom',
  'validTo',
  'penalty',
  'failureClass',
  'banEndsOn',
  'summary',
] as const;

export function contentOf(record: CreditRecordContent): CreditRecordContent {
  const content: Record<string, unknown> = {};
  for (const field of contentFields) if (record[field] !== undefined) content[field] = record[field];
  return content as CreditRecordContent;
}

/** Penalty types are a set: their order never makes a new version. */
export const contentHash = (content: CreditRecordContent) => {
  const { penalty, ...rest } = contentOf(content);
  const canonical = penalty ? { ...rest, penalty: { ...penalty, types: [...penalty.types].sort() } } : rest;
  return contentHashOf(canonical);
};
