import type { MerchantScoreView } from './routes.js';
import type { MerchantEntry } from './scoring/merchant.js';

/** A scored entry as the public reads show it: the score with its method version, reasons and reply. */
export function merchantView(entry: MerchantEntry): MerchantScoreView {
  return {
    uscc: entry.uscc,
    name: entry.name,
    category: entry.category,
    districtId: entry.districtId,
    period: entry.period,
    index: entry.score?.index ?? 0,
    methodVersion: entry.score?.methodVersion ?? '',
    dimensions: entry.score?.dimensions ?? {},
    reasons: entry.score?.reasons ?? [],
    ...(entry.reply ? { reply: entry.reply } : {}),
    scoredAt: entry.updatedAt,
  };
}
