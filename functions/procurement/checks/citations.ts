/**
 * The legal sources the procurement rules rest on (DOMAIN.md scenario 3), each named once so
 * every reason cites them the same way.
 */
export interface Citation {
  /** The document, by its official short name or number. */
  document: string;
  /** The article, paragraph or item within it. */
  article: string;
}

const GOVERNMENT_PROCUREMENT_LAW = '中华人民共和国政府采购法';
const IMPLEMENTING_REGULATION = '中华人民共和国政府采购法实施条例';
const ADMINISTRATIVE_PENALTY_LAW = '中华人民共和国行政处罚法';
const CREDIT_RECORDS_NOTICE = '财库〔2016〕125号';
const LARGE_FINE_OPINION = '财库〔2022〕3号';

export const CITATIONS = {
  /** Purchasers refuse suppliers on the three lists; a consortium member's record is the consortium's. */
  creditRecordsNotice: { document: CREDIT_RECORDS_NOTICE, article: '二（三）信用信息的使用原则' },
  /** No major illegal record in the three years before taking part. */
  noMajorIllegalRecord: { document: GOVERNMENT_PROCUREMENT_LAW, article: '第二十二条第一款第（五）项' },
  /** Every consortium member must meet article 22. */
  consortiumMembers: { document: GOVERNMENT_PROCUREMENT_LAW, article: '第二十四条' },
  /** What a major illegal record is: criminal punishment, suspension, revocation, a large fine. */
  majorIllegalRecord: { document: IMPLEMENTING_REGULATION, article: '第十九条第一款' },
  /** A supplier banned for a period may take part again once the period has ended. */
  banPeriodEnded: { document: IMPLEMENTING_REGULATION, article: '第十九条第二款' },
  /** The large fine is ¥2,000,000 or more unless the department's own rules set a higher amount. */
  largeFine: { document: LARGE_FINE_OPINION, article: '第一条' },
  /** The large-fine opinion applies from 2022-02-08. */
  largeFineInForce: { document: LARGE_FINE_OPINION, article: '第二条' },
  /** Closure, restriction of production and of practice stand with suspension of business. */
  penaltyTypes: { document: ADMINISTRATIVE_PENALTY_LAW, article: '第九条' },
  /** A penalty is not suspended while it is disputed. */
  noSuspensionWhileDisputed: { document: ADMINISTRATIVE_PENALTY_LAW, article: '第七十三条' },
  /** Repair ends publication, sharing and use of the information, not the penalty decision. */
  repairMeaning: { document: '信用修复管理办法（国家发展改革委令第36号）', article: '第三条' },
  /** How a period of years is counted: the start day is not counted. */
  periodCounting: { document: '中华人民共和国民法典', article: '第二百零一条' },
} as const satisfies Record<string, Citation>;
