/**
 * The published method of the 上海购物 integrity index: dimensions, the indicators a district
 * submits (units and ranges), the weights and the credit-record rules. It is data, served as is
 * by `GET /v1/shopping/method`; a change is a new entry in `methods`, and every stored score keeps
 * the version it was computed with.
 */

export const dimensionIds = [
  'legal-qualification',
  'law-abiding',
  'goods-quality',
  'service-quality',
  'fulfilment',
] as const;
export type DimensionId = (typeof dimensionIds)[number];

export type IndicatorUnit = 'percent' | 'points' | 'count' | 'per-10k-orders' | 'yes-no';

export interface Indicator {
  id: string;
  dimension: DimensionId;
  label: string;
  unit: IndicatorUnit;
  /** The values a district may submit (inclusive). */
  range: { min: number; max: number };
  /** Linear scoring: `worst` and beyond scores 0, `best` and beyond 100 (worst > best when lower is better). */
  worst: number;
  best: number;
  /** Its share of its dimension's indicator score (the dimension's shares add up to 1). */
  share: number;
}

/** Rules that apply to public credit records counting at the period's end. */
export interface CreditRule {
  id: string;
  description: string;
  applies: {
    categories: readonly string[];
    severity?: 'serious' | 'general';
    /** Any of these penalty types (administrative penalties only). */
    penaltyTypes?: readonly string[];
  };
  dimension: DimensionId;
  /** Dimension points (0–100 scale); negative deducts. */
  points: number;
}

export interface Method {
  version: string;
  publishedAt: string;
  title: string;
  scale: { min: 0; max: 100 };
  /** Which records count for a period. */
  recordsCount: string;
  dimensions: { id: DimensionId; label: string; weight: number; description: string }[];
  indicators: Indicator[];
  creditRules: CreditRule[];
  /** Per-dimension cap on what commendations can add, so a red list never hides weak service. */
  maxCreditBonusPerDimension: number;
  /** Reasons shown for indicators that cost at least this many index points. */
  reasonThresholdPoints: number;
}

const v2026_1: Method = {
  version: '2026.1',
  publishedAt: '2026-01-01',
  title: '上海购物诚信指数 商户评价方法',
  scale: { min: 0, max: 100 },
  recordsCount:
    'Public credit records that count at the last instant of the period (Shanghai time): repaired, revoked, ' +
    'expired or withdrawn records do not; disputed records keep their effect and say so.',
  dimensions: [
    {
      id: 'legal-qualification',
      label: '法定资质 legal qualification',
      weight: 15,
      description: 'required licences held and shown; dishonesty lists and licence sanctions deduct',
    },
    {
      id: 'law-abiding',
      label: '守法行为 law-abiding conduct',
      weight: 20,
      description: 'inspection findings; administrative penalties and dishonesty lists deduct, commendations add',
    },
    {
      id: 'goods-quality',
      label: '商品品质 goods quality',
      weight: 20,
      description: 'sampling and quality complaints',
    },
    {
      id: 'service-quality',
      label: '服务品质 service quality',
      weight: 25,
      description: 'after-sales and returns, digital services, service process (mystery shopping, 0–100)',
    },
    {
      id: 'fulfilment',
      label: '履约能力 fulfilment',
      weight: 20,
      description: 'complaints and their timely resolution, prepaid-card disputes',
    },
  ],
  indicators: [
    {
      id: 'licenceCoverage',
      dimension: 'legal-qualification',
      label: '证照齐全率 required licences held and valid',
      unit: 'percent',
      range: { min: 0, max: 100 },
      worst: 50,
      best: 100,
      share: 0.7,
    },
    {
      id: 'licenceDisplayed',
      dimension: 'legal-qualification',
      label: '亮照经营 licences shown at the premises (1 yes, 0 no)',
      unit: 'yes-no',
      range: { min: 0, max: 1 },
      worst: 0,
      best: 1,
      share: 0.3,
    },
    {
      id: 'inspectionFindings',
      dimension: 'law-abiding',
      label: '检查问题数 findings of on-site inspections in the period',
      unit: 'count',
      range: { min: 0, max: 1000 },
      worst: 10,
      best: 0,
      share: 1,
    },
    {
      id: 'samplingPassRate',
      dimension: 'goods-quality',
      label: '抽检合格率 quality sampling pass rate',
      unit: 'percent',
      range: { min: 0, max: 100 },
      worst: 80,
      best: 100,
      share: 0.6,
    },
    {
      id: 'qualityComplaints',
      dimension: 'goods-quality',
      label: '质量投诉率 goods quality complaints',
      unit: 'per-10k-orders',
      range: { min: 0, max: 10000 },
      worst: 20,
      best: 0,
      share: 0.4,
    },
    {
      id: 'afterSalesReturns',
      dimension: 'service-quality',
      label: '售后和退换货 after-sales and returns',
      unit: 'points',
      range: { min: 0, max: 100 },
      worst: 40,
      best: 100,
      share: 0.4,
    },
    {
      id: 'digitalServices',
      dimension: 'service-quality',
      label: '数字化应用 digital services',
      unit: 'points',
      range: { min: 0, max: 100 },
      worst: 40,
      best: 100,
      share: 0.3,
    },
    {
      id: 'serviceProcess',
      dimension: 'service-quality',
      label: '服务过程 service process',
      unit: 'points',
      range: { min: 0, max: 100 },
      worst: 40,
      best: 100,
      share: 0.3,
    },
    {
      id: 'complaintRate',
      dimension: 'fulfilment',
      label: '投诉率 consumer complaints',
      unit: 'per-10k-orders',
      range: { min: 0, max: 10000 },
      worst: 30,
      best: 0,
      share: 0.4,
    },
    {
      id: 'complaintsResolvedInTime',
      dimension: 'fulfilment',
      label: '投诉按时办结率 complaints resolved in time',
      unit: 'percent',
      range: { min: 0, max: 100 },
      worst: 60,
      best: 100,
      share: 0.4,
    },
    {
      id: 'prepaidCardDisputes',
      dimension: 'fulfilment',
      label: '预付卡纠纷 prepaid-card disputes',
      unit: 'count',
      range: { min: 0, max: 1000 },
      worst: 5,
      best: 0,
      share: 0.2,
    },
  ],
  creditRules: [
    {
      id: 'dishonesty-list',
      description:
        'listed as dishonest (失信被执行人, 重大税收违法失信主体, 政府采购严重违法失信): law-abiding conduct to 0',
      applies: {
        categories: ['dishonest-judgment-debtor', 'major-tax-violation', 'procurement-serious-violation'],
      },
      dimension: 'law-abiding',
      points: -100,
    },
    {
      id: 'dishonesty-list-qualification',
      description: 'listed as dishonest: legal qualification −50',
      applies: {
        categories: ['dishonest-judgment-debtor', 'major-tax-violation', 'procurement-serious-violation'],
      },
      dimension: 'legal-qualification',
      points: -50,
    },
    {
      id: 'serious-penalty',
      description: 'serious administrative penalty: law-abiding conduct −60',
      applies: { categories: ['administrative-penalty'], severity: 'serious' },
      dimension: 'law-abiding',
      points: -60,
    },
    {
      id: 'general-penalty',
      description: 'general administrative penalty: law-abiding conduct −30',
      applies: { categories: ['administrative-penalty'], severity: 'general' },
      dimension: 'law-abiding',
      points: -30,
    },
    {
      id: 'licence-sanction',
      description: 'penalty suspending business or revoking a licence: legal qualification −60',
      applies: {
        categories: ['administrative-penalty'],
        penaltyTypes: ['suspension-of-business', 'licence-revocation'],
      },
      dimension: 'legal-qualification',
      points: -60,
    },
    {
      id: 'commendation',
      description: 'commendation or red list: law-abiding conduct +10 (at most +10 in all)',
      applies: { categories: ['commendation'] },
      dimension: 'law-abiding',
      points: 10,
    },
  ],
  maxCreditBonusPerDimension: 10,
  reasonThresholdPoints: 0.5,
};

/** Every published version; old scores keep pointing at theirs. */
export const methods: ReadonlyMap<string, Method> = new Map([[v2026_1.version, v2026_1]]);
export const CURRENT_METHOD: Method = v2026_1;

/** The CSV columns of a submission, in the order of the template. */
export const csvColumns = (method: Method) => ['uscc', 'name', 'category', ...method.indicators.map((i) => i.id)];

/** The empty template: the header row, in UTF-8 with a BOM so spreadsheet programs read the Chinese right. */
export const csvTemplate = (method: Method) => `\uFEFF${csvColumns(method).join(',')}\r\n`;
