import type { CountingRecord, CreditRecord } from '../../platform/public.js';
import type { CreditRule, DimensionId, Indicator, Method } from '../method/method.js';

export type Indicators = Record<string, number>;

export interface Reason {
  /** Index points this reason cost (negative) or added, one decimal. */
  effect: number;
  dimension: DimensionId;
  text: string;
  rule?: string;
  recordId?: string;
  disputed?: boolean;
}

export interface MerchantScore {
  methodVersion: string;
  /** 0–100, one decimal. */
  index: number;
  dimensions: Record<DimensionId, number>;
  /** Each indicator on the 0–100 scale, for a district's weakest indicators. */
  indicatorScores: Record<string, number>;
  reasons: Reason[];
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number) => Math.min(100, Math.max(0, value));
const signed = (value: number) => (value > 0 ? `+${value}` : `${value}`.replace('-', '−'));

export function indicatorScore(indicator: Indicator, value: number): number {
  return clamp(((value - indicator.worst) / (indicator.best - indicator.worst)) * 100);
}

function ruleApplies(rule: CreditRule, record: CreditRecord): boolean {
  if (!rule.applies.categories.includes(record.category)) return false;
  if (rule.applies.severity && rule.applies.severity !== record.severity) return false;
  if (rule.applies.penaltyTypes) {
    const types: readonly string[] = record.penalty?.types ?? [];
    return rule.applies.penaltyTypes.some((type) => types.includes(type));
  }
  return true;
}

const categoryLabel: Record<string, string> = {
  'dishonest-judgment-debtor': 'dishonest judgment debtor',
  'major-tax-violation': 'major tax violation',
  'procurement-serious-violation': 'procurement serious violation',
  'administrative-penalty': 'administrative penalty',
  commendation: 'commendation',
};

function describeRecord(record: CreditRecord): string {
  const fine =
    record.penalty?.fineAmountCny !== undefined
      ? `, fine ¥${record.penalty.fineAmountCny.toLocaleString('en-US')}`
      : '';
  return `${categoryLabel[record.category] ?? record.category} ${record.decisionNumber} (${record.authority})${fine}`;
}

/**
 * A merchant's index for a period from its submitted indicators and the public credit records
 * counting at the period's end. Each dimension is the share-weighted average of its indicators'
 * linear scores; credit rules then move law-abiding conduct and legal qualification (deductions in
 * decision order, never below 0; commendations add at most `maxCreditBonusPerDimension`). The
 * index is the weighted sum. Reasons give every credit effect and every indicator that cost at
 * least `reasonThresholdPoints`, in index points, largest loss first.
 */
export function scoreMerchant(
  method: Method,
  indicators: Indicators,
  counting: readonly CountingRecord[],
): MerchantScore {
  const weightOf = new Map(method.dimensions.map((dimension) => [dimension.id, dimension.weight]));
  const labelOf = new Map(method.dimensions.map((dimension) => [dimension.id, dimension.label]));
  const reasons: Reason[] = [];
  const indicatorScores: Record<string, number> = {};
  const raw = new Map<DimensionId, number>(method.dimensions.map((dimension) => [dimension.id, 0]));
  for (const indicator of method.indicators) {
    const value = indicators[indicator.id] ?? 0;
    const score = indicatorScore(indicator, value);
    indicatorScores[indicator.id] = oneDecimal(score);
    raw.set(indicator.dimension, (raw.get(indicator.dimension) ?? 0) + score * indicator.share);
    const loss = ((100 - score) * indicator.share * (weightOf.get(indicator.dimension) ?? 0)) / 100;
    if (loss >= method.reasonThresholdPoints) {
      reasons.push({
        effect: -oneDecimal(loss),
        dimension: indicator.dimension,
        text: `${signed(-oneDecimal(loss))}: ${indicator.label} ${value} ${indicator.unit} (${labelOf.get(indicator.dimension)})`,
      });
    }
  }
  const records = [...counting].sort((a, b) => a.record.recordId.localeCompare(b.record.recordId));
  const bonus = new Map<DimensionId, number>();
  for (const rule of [...method.creditRules].sort((a, b) => a.points - b.points)) {
    for (const { record, underObjection } of records) {
      if (!ruleApplies(rule, record)) continue;
      const before = raw.get(rule.dimension) ?? 0;
      let points = rule.points;
      if (points > 0) {
        points = Math.min(points, method.maxCreditBonusPerDimension - (bonus.get(rule.dimension) ?? 0));
        bonus.set(rule.dimension, (bonus.get(rule.dimension) ?? 0) + points);
      }
      const after = clamp(before + points);
      raw.set(rule.dimension, after);
      const effect = oneDecimal(((after - before) * (weightOf.get(rule.dimension) ?? 0)) / 100);
      if (effect === 0) continue;
      reasons.push({
        effect,
        dimension: rule.dimension,
        rule: rule.id,
        recordId: record.recordId,
        ...(underObjection ? { disputed: true } : {}),
        text: `${signed(effect)}: ${describeRecord(record)}, ${labelOf.get(rule.dimension)}${underObjection ? ' (disputed; keeps its effect)' : ''}`,
      });
    }
  }
  const dimensions = Object.fromEntries(
    method.dimensions.map((dimension) => [dimension.id, oneDecimal(raw.get(dimension.id) ?? 0)]),
  ) as Record<DimensionId, number>;
  const index = oneDecimal(method.dimensions.reduce((sum, d) => sum + (d.weight * (raw.get(d.id) ?? 0)) / 100, 0));
  reasons.sort((a, b) => a.effect - b.effect || a.text.localeCompare(b.text));
  return { methodVersion: method.version, index, dimensions, indicatorScores, reasons };
}
