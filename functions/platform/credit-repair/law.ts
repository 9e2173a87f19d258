/**
 * The texts the repair calculator applies, each rule with what it says. Article numbers are
 * given only where checked against the published text; the others name the provision by its
 * content (docs/decisions.md: an unchecked article number would look authoritative and be wrong).
 */
export interface Citation {
  document: string;
  article?: string;
  /** What the cited provision says, in one Chinese sentence. */
  provision: string;
}

export type RegimeId = 'ndrc-order-58' | 'ndrc-order-36';

export interface Regime {
  id: RegimeId;
  title: string;
  /** First day in force (Shanghai calendar date). */
  inForceFrom: string;
  /** Last day in force, for a repealed regime. */
  inForceUntil?: string;
}

export const ORDER_58: Regime = {
  id: 'ndrc-order-58',
  title: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）',
  inForceFrom: '2023-05-01',
  inForceUntil: '2026-03-31',
};

export const ORDER_36: Regime = {
  id: 'ndrc-order-36',
  title: '《信用修复管理办法》（国家发展改革委令第36号）',
  inForceFrom: '2026-04-01',
};

const cite = (document: string, provision: string, article?: string): Citation =>
  article ? { document, article, provision } : { document, provision };

const CIVIL_CODE = '《中华人民共和国民法典》';
const PROCUREMENT_REGULATION = '《中华人民共和国政府采购法实施条例》';
const JUDGMENT_DEBTOR_RULES = '《最高人民法院关于公布失信被执行人名单信息的若干规定》';

export const law = {
  periodCounting: cite(
    CIVIL_CODE,
    '按照月、年计算期间的，开始的当日不计入，到期月的对应日为期间的最后一日，没有对应日的，月末日为最后一日。',
    '第二百零一条、第二百零二条',
  ),
  order36: {
    right: cite(ORDER_36.title, '信用主体依法享有信用修复的权利，满足相关条件的均可申请信用修复。', '第二条'),
    meaning: cite(
      ORDER_36.title,
      '信用修复是在纠正失信行为、履行相关义务后，终止公示、停止共享和使用失信信息，同步解除失信惩戒措施。',
      '第三条',
    ),
    failureInformation: cite(
      ORDER_36.title,
      '失信信息包括严重失信主体名单信息、行政处罚信息、异常名录信息和其他失信信息。',
      '第四条',
    ),
    classes: cite(
      ORDER_36.title,
      '失信信息分为轻微、一般、严重三类：以简易程序作出的行政处罚、警告、通报批评为轻微；较大数额罚款、没收等为一般；巨额罚款、吊销许可证、限制从业、严重失信主体名单等为严重。',
    ),
    periods: cite(
      ORDER_36.title,
      '公示期限自行政公务文书认定之日起计算：轻微失信信息原则上不予公示，确有必要公示的最长3个月；一般失信信息最短3个月、最长1年；严重失信信息最短1年、最长3年；最长公示期届满后自动停止公示。',
    ),
    minimumServed: cite(
      ORDER_36.title,
      '最短公示期届满后，信用主体方可按规定申请信用修复；轻微失信信息法定责任履行完毕即可申请。',
    ),
    conditions: cite(
      ORDER_36.title,
      '申请信用修复须达到最短公示期限，纠正失信行为、完全履行相关义务，并公开作出信用承诺。',
    ),
    window: cite(ORDER_36.title, '“信用中国”网站为信用修复统一受理窗口，按“谁认定、谁修复”原则由认定单位审核。'),
  },
  order58: {
    periods: cite(
      ORDER_58.title,
      '行政处罚信息自处罚作出之日起公示，最短3个月、最长3年；涉及多种处罚类型的，以期限最长的类型为准。',
    ),
    sectorPeriods: cite(ORDER_58.title, '食品、药品、特种设备、安全生产、消防领域行政处罚信息最短公示期一年。'),
    conditions: cite(
      ORDER_58.title,
      '最短公示期届满后，已纠正失信行为、履行行政处罚决定并作出信用承诺的，可申请提前终止公示。',
    ),
    lists: cite(ORDER_58.title, '严重失信主体名单信息由认定单位按其名单制度决定是否移出名单。'),
  },
  procurementBan: cite(
    PROCUREMENT_REGULATION,
    '供应商被禁止在一定期限内参加政府采购活动，期限届满的，可以参加政府采购活动。',
    '第十九条第二款',
  ),
  judgmentDebtorDeletion: cite(
    JUDGMENT_DEBTOR_RULES,
    '被执行人已履行生效法律文书确定的全部义务等情形，人民法院应当删除失信信息。',
    '第十条',
  ),
};
