/**
 * Synthetic demo data for the local runtime: Shanghai organisations and the public credit
 * records an authority might publish about them, plus the lifecycle steps (repair, revocation,
 * objection) applied after ingest. Every company, code and decision here is invented; the codes
 * are valid GB 32100 codes built from made-up organisation-code bodies. Deterministic: no clock,
 * no randomness, so a fresh `npm start` always seeds the same world.
 */
import type * as z from 'zod/mini';
import type {
  creditRecordInputSchema,
  raiseObjectionInputSchema,
  repairInputSchema,
  resolveObjectionInputSchema,
  revokeInputSchema,
} from '../functions/platform/credit-records/model.js';
import { buildResidentId } from '../shared/resident-id.js';
import { buildUscc } from '../shared/uscc.js';

export interface DemoSubject {
  uscc: string;
  name: string;
  /** The Shanghai district the company is registered in (its division code is inside the USCC). */
  district: string;
}

/** One record as sent in `POST /v1/credit-records` `{records: [...]}`. */
export type DemoCreditRecord = z.input<typeof creditRecordInputSchema>;

export type DemoLifecycleStep =
  | { recordId: string; action: 'repair'; body: z.input<typeof repairInputSchema> }
  | { recordId: string; action: 'revoke'; body: z.input<typeof revokeInputSchema> }
  | { recordId: string; action: 'objection'; body: z.input<typeof raiseObjectionInputSchema> }
  | { recordId: string; action: 'resolve'; body: z.input<typeof resolveObjectionInputSchema> };

function subject(name: string, district: string, division: string, orgCodeBody: string): DemoSubject {
  return { uscc: buildUscc({ division, orgCodeBody }), name, district };
}

const huijin = subject('上海汇金商贸有限公司', '黄浦区', '310101', 'MA1G5R2K');
const meishi = subject('上海徐家汇美食餐饮管理有限公司', '徐汇区', '310104', 'MA1FW3DB');
const anxin = subject('上海长宁安心家政服务有限公司', '长宁区', '310105', 'MA1K8N4T');
const yikang = subject('上海静安颐康养老服务有限公司', '静安区', '310106', 'MA1JB6QX');
const hongyuan = subject('上海普陀宏远建设工程有限公司', '普陀区', '310107', '63215487');
const yunfan = subject('上海云帆信息科技有限公司', '虹口区', '310109', 'MA1GD9UY');
const lvzhou = subject('上海杨浦绿洲物业管理有限公司', '杨浦区', '310110', 'MA1FP2E6');
const fukang = subject('上海闵行福康养老服务有限公司', '闵行区', '310112', 'MA1HT5MW');
const hengda = subject('上海宝山恒达物流有限公司', '宝山区', '310113', '60724159');
const jincheng = subject('上海锦程网络科技有限公司', '浦东新区', '310115', 'MA1JR8WN');
const fengyu = subject('上海丰裕餐饮有限公司', '黄浦区', '310101', 'MA1FK4HB');
const yuejia = subject('上海徐汇悦家家政服务有限公司', '徐汇区', '310104', 'MA1KC2PD');

export const demoSubjects: readonly DemoSubject[] = [
  huijin,
  meishi,
  anxin,
  yikang,
  hongyuan,
  yunfan,
  lvzhou,
  fukang,
  hengda,
  jincheng,
  fengyu,
  yuejia,
];

const ref = ({ uscc, name }: DemoSubject) => ({ uscc, name });

export const demoCreditRecords: readonly DemoCreditRecord[] = [
  // 上海汇金商贸: a merchant with a repaired warning and a procurement ban that has long expired.
  {
    recordId: 'SH-MSA-2023-000215',
    subject: ref(huijin),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市黄浦区市场监督管理局',
    decisionNumber: 'JY13101010023456',
    decidedAt: '2023-02-10',
    validFrom: '2023-02-10',
    validTo: '2028-02-09',
    summary: '食品经营许可证(预包装食品销售,含冷藏冷冻食品)',
  },
  {
    recordId: 'SH-MSA-2025-001234',
    subject: ref(huijin),
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市市场监督管理局',
    decisionNumber: '沪市监处〔2025〕1234号',
    decidedAt: '2025-03-18',
    validFrom: '2025-03-20',
    validTo: '2028-03-17',
    penalty: { types: ['warning'] },
    summary: '商品未按规定明码标价,违反《明码标价和禁止价格欺诈规定》第五条,予以警告',
  },
  {
    recordId: 'SH-FIN-2022-000031',
    subject: ref(huijin),
    category: 'procurement-serious-violation',
    severity: 'serious',
    authority: '上海市财政局',
    decisionNumber: '沪财采处〔2022〕31号',
    decidedAt: '2022-04-20',
    validFrom: '2022-04-20',
    validTo: '2023-04-19',
    banEndsOn: '2023-04-19',
    summary: '参加政府采购活动提供虚假材料谋取中标,一年内禁止参加政府采购活动',
  },

  // 上海徐家汇美食餐饮: a food-safety fine of ¥50,000, repaired after the one-year minimum.
  {
    recordId: 'SH-MSA-2022-004518',
    subject: ref(meishi),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市徐汇区市场监督管理局',
    decisionNumber: 'JY23101040056789',
    decidedAt: '2022-09-01',
    validFrom: '2022-09-01',
    validTo: '2027-08-31',
    summary: '食品经营许可证(热食类食品制售、冷食类食品制售)',
  },
  {
    recordId: 'SH-MSA-2024-000873',
    subject: ref(meishi),
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市徐汇区市场监督管理局',
    decisionNumber: '沪市监徐处〔2024〕873号',
    decidedAt: '2024-05-20',
    validFrom: '2024-05-24',
    validTo: '2027-05-19',
    penalty: { types: ['fine', 'confiscation'], fineAmountCny: 50_000 },
    summary: '使用超过保质期的食品原料加工食品,违反《食品安全法》第三十四条,没收违法所得并处罚款五万元',
  },
  {
    recordId: 'SH-MSA-2024-CN00152',
    subject: ref(meishi),
    category: 'credit-commitment',
    severity: 'general',
    authority: '上海市徐汇区市场监督管理局',
    decisionNumber: '徐市监承诺〔2024〕152号',
    decidedAt: '2024-06-15',
    validFrom: '2024-06-15',
    validTo: '2025-06-14',
    summary: '信用修复承诺:落实食品安全主体责任、完成整改并接受回访检查;承诺期内已履行',
  },

  // 上海长宁安心家政: clean, a licence and a commendation from the commerce commission.
  {
    recordId: 'SH-HRS-2023-000418',
    subject: ref(anxin),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市长宁区人力资源和社会保障局',
    decisionNumber: '沪人社长许〔2023〕418号',
    decidedAt: '2023-07-12',
    validFrom: '2023-07-12',
    summary: '人力资源服务许可证(职业中介:家政服务人员)',
  },
  {
    recordId: 'SH-COM-2025-000027',
    subject: ref(anxin),
    category: 'commendation',
    severity: 'general',
    authority: '上海市商务委员会',
    decisionNumber: '沪商服贸〔2025〕27号',
    decidedAt: '2025-01-16',
    validFrom: '2025-01-20',
    validTo: '2027-01-19',
    summary: '2024年度上海市家政服务诚信示范企业',
  },

  // 上海静安颐康养老: clean elderly-care operator.
  {
    recordId: 'SH-MCA-2022-000136',
    subject: ref(yikang),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市静安区民政局',
    decisionNumber: '静民养备〔2022〕136号',
    decidedAt: '2022-11-03',
    validFrom: '2022-11-03',
    summary: '养老机构备案(床位120张,提供全托照护及认知障碍照护服务)',
  },
  {
    recordId: 'SH-MSA-2022-006021',
    subject: ref(yikang),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市静安区市场监督管理局',
    decisionNumber: 'JY33101060061234',
    decidedAt: '2022-12-08',
    validFrom: '2022-12-08',
    validTo: '2027-12-07',
    summary: '食品经营许可证(单位食堂:养老机构食堂)',
  },
  {
    recordId: 'SH-MCA-2025-000009',
    subject: ref(yikang),
    category: 'commendation',
    severity: 'general',
    authority: '上海市民政局',
    decisionNumber: '沪民养老发〔2025〕9号',
    decidedAt: '2025-03-05',
    validFrom: '2025-03-10',
    validTo: '2028-03-09',
    summary: '2024年度上海市示范性养老机构',
  },

  // 上海普陀宏远建设工程: a ¥2,000,000 work-safety fine and a current three-year procurement ban.
  {
    recordId: 'SH-HCC-2023-001187',
    subject: ref(hongyuan),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市住房和城乡建设管理委员会',
    decisionNumber: 'D231187654',
    decidedAt: '2023-06-19',
    validFrom: '2023-06-19',
    validTo: '2028-06-18',
    summary: '建筑业企业资质证书(建筑工程施工总承包二级、市政公用工程施工总承包三级)',
  },
  {
    recordId: 'SH-EMB-2025-000046',
    subject: ref(hongyuan),
    category: 'administrative-penalty',
    severity: 'serious',
    authority: '上海市应急管理局',
    decisionNumber: '(沪)应急罚〔2025〕46号',
    decidedAt: '2025-07-15',
    validFrom: '2025-07-18',
    validTo: '2028-07-14',
    penalty: { types: ['fine'], fineAmountCny: 2_000_000 },
    summary: '对施工现场高处作业坍塌较大生产安全事故负有责任,依据《安全生产法》第一百一十四条处罚款二百万元',
  },
  {
    recordId: 'SH-FIN-2025-000112',
    subject: ref(hongyuan),
    category: 'procurement-serious-violation',
    severity: 'serious',
    authority: '上海市财政局',
    decisionNumber: '沪财采处〔2025〕112号',
    decidedAt: '2025-09-10',
    validFrom: '2025-09-10',
    validTo: '2028-09-09',
    banEndsOn: '2028-09-09',
    summary: '与其他供应商串通投标,三年内禁止参加政府采购活动',
  },
  // 36号令 era: a fine the authority classed general, under its department's higher large-fine amount.
  {
    recordId: 'SH-SEE-2026-000318',
    subject: ref(hongyuan),
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市生态环境局',
    decisionNumber: '沪环罚〔2026〕318号',
    decidedAt: '2026-06-18',
    decisionInstant: '2026-06-18T15:30:00+08:00',
    validFrom: '2026-06-22',
    validTo: '2027-06-18',
    penalty: { types: ['fine'], fineAmountCny: 3_000_000, majorFineThresholdCny: 5_000_000 },
    failureClass: 'general',
    summary: '施工工地扬尘污染防治措施不落实,依据《大气污染防治法》处罚款三百万元(本部门较大数额罚款标准为五百万元)',
  },

  // 上海云帆信息科技: a current major-tax-violation listing; an earlier commitment not kept.
  {
    recordId: 'SH-TEL-2023-000392',
    subject: ref(yunfan),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市通信管理局',
    decisionNumber: '沪B2-20230392',
    decidedAt: '2023-03-22',
    validFrom: '2023-03-22',
    validTo: '2028-03-21',
    summary: '增值电信业务经营许可证(信息服务业务,仅限互联网信息服务)',
  },
  {
    recordId: 'SH-STC-2023-CN00871',
    subject: ref(yunfan),
    category: 'credit-commitment',
    severity: 'general',
    authority: '上海市虹口区科学技术委员会',
    decisionNumber: '虹科承诺〔2023〕871号',
    decidedAt: '2023-11-08',
    validFrom: '2023-11-08',
    validTo: '2024-11-07',
    summary: '科技型中小企业扶持资金申报信用承诺:如实申报并按期提交验收材料;未按承诺提交验收材料,承诺未履行',
  },
  {
    recordId: 'SH-TAX-2025-000056',
    subject: ref(yunfan),
    category: 'major-tax-violation',
    severity: 'serious',
    authority: '国家税务总局上海市税务局第一稽查局',
    decisionNumber: '沪税稽一罚〔2025〕56号',
    decidedAt: '2025-04-28',
    validFrom: '2025-05-10',
    validTo: '2028-05-09',
    summary: '虚开增值税专用发票,列为重大税收违法失信主体',
  },

  // 上海杨浦绿洲物业: a serious penalty described only in general terms, under open objection.
  {
    recordId: 'SH-MSA-2022-002706',
    subject: ref(lvzhou),
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市杨浦区市场监督管理局',
    decisionNumber: '沪市监杨处〔2022〕2706号',
    decidedAt: '2022-08-16',
    validFrom: '2022-08-19',
    validTo: '2023-02-18',
    penalty: { types: ['fine'], fineAmountCny: 10_000 },
    summary: '物业服务收费未按规定公示收费项目和标准,处罚款一万元',
  },
  {
    recordId: 'SH-HMA-2025-000088',
    subject: ref(lvzhou),
    category: 'administrative-penalty',
    severity: 'serious',
    authority: '上海市房屋管理局',
    decisionNumber: '沪房罚〔2025〕88号',
    decidedAt: '2025-10-22',
    validFrom: '2025-10-24',
    validTo: '2028-10-21',
    summary: '违反《上海市住宅物业管理规定》,情节严重',
  },

  // 上海闵行福康养老: clean elderly-care operator.
  {
    recordId: 'SH-MCA-2023-000274',
    subject: ref(fukang),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市闵行区民政局',
    decisionNumber: '闵民养备〔2023〕274号',
    decidedAt: '2023-04-11',
    validFrom: '2023-04-11',
    summary: '养老机构备案(床位86张,含社区长者照护之家及日间照料中心)',
  },
  {
    recordId: 'SH-MCA-2024-000031',
    subject: ref(fukang),
    category: 'commendation',
    severity: 'general',
    authority: '上海市民政局',
    decisionNumber: '沪民养老发〔2024〕31号',
    decidedAt: '2024-12-18',
    validFrom: '2024-12-20',
    validTo: '2027-12-19',
    summary: '上海市养老服务工作先进集体',
  },

  // 上海宝山恒达物流: ordered to suspend business (current); a judgment-debtor listing since removed.
  {
    recordId: 'SH-EMB-2022-000158',
    subject: ref(hengda),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市应急管理局',
    decisionNumber: '沪(宝)应急经字〔2022〕000158',
    decidedAt: '2022-05-09',
    validFrom: '2022-05-09',
    validTo: '2025-05-08',
    summary: '危险化学品经营许可证(带储存设施经营)',
  },
  {
    recordId: 'SH-CRT-2022-004567',
    subject: ref(hengda),
    category: 'dishonest-judgment-debtor',
    severity: 'serious',
    authority: '上海市宝山区人民法院',
    decisionNumber: '(2022)沪0113执4567号',
    decidedAt: '2022-11-08',
    validFrom: '2022-11-08',
    validTo: '2023-06-30',
    summary: '有履行能力而拒不履行生效法律文书确定的给付义务;已全部履行,失信信息已删除',
  },
  {
    recordId: 'SH-EMB-2025-000071',
    subject: ref(hengda),
    category: 'administrative-penalty',
    severity: 'serious',
    authority: '上海市应急管理局',
    decisionNumber: '(沪)应急罚〔2025〕71号',
    decidedAt: '2025-08-05',
    validFrom: '2025-08-08',
    validTo: '2028-08-04',
    penalty: { types: ['fine', 'suspension-of-business'], fineAmountCny: 100_000 },
    summary: '危险化学品经营许可证过期后继续储存经营危险化学品,责令停产停业整顿并处罚款十万元',
  },

  // 上海锦程网络科技: clean, an A-grade taxpayer with a kept commitment.
  {
    recordId: 'SH-MSA-2024-CN00615',
    subject: ref(jincheng),
    category: 'credit-commitment',
    severity: 'general',
    authority: '上海市浦东新区市场监督管理局',
    decisionNumber: '浦市监承诺〔2024〕615号',
    decidedAt: '2024-03-14',
    validFrom: '2024-03-14',
    validTo: '2027-03-13',
    summary: '告知承诺制办理经营许可:承诺具备法定条件并按期补正材料;已按期履行',
  },
  {
    recordId: 'SH-TEL-2024-000615',
    subject: ref(jincheng),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市通信管理局',
    decisionNumber: '沪B2-20240615',
    decidedAt: '2024-03-20',
    validFrom: '2024-03-20',
    validTo: '2029-03-19',
    summary: '增值电信业务经营许可证(在线数据处理与交易处理业务)',
  },
  {
    recordId: 'SH-TAX-2025-A01862',
    subject: ref(jincheng),
    category: 'commendation',
    severity: 'general',
    authority: '国家税务总局上海市税务局',
    decisionNumber: '沪税信A〔2025〕1862号',
    decidedAt: '2025-04-18',
    validFrom: '2025-04-18',
    validTo: '2026-04-17',
    summary: '2024年度纳税信用A级纳税人',
  },
  {
    recordId: 'SH-TAX-2026-A02107',
    subject: ref(jincheng),
    category: 'commendation',
    severity: 'general',
    authority: '国家税务总局上海市税务局',
    decisionNumber: '沪税信A〔2026〕2107号',
    decidedAt: '2026-04-20',
    validFrom: '2026-04-20',
    validTo: '2027-04-19',
    summary: '2025年度纳税信用A级纳税人',
  },

  // 上海丰裕餐饮: food licence revoked; its objection was rejected.
  {
    recordId: 'SH-MSA-2025-000651',
    subject: ref(fengyu),
    category: 'administrative-penalty',
    severity: 'serious',
    authority: '上海市黄浦区市场监督管理局',
    decisionNumber: '沪市监黄处〔2025〕651号',
    decidedAt: '2025-05-12',
    validFrom: '2025-05-15',
    validTo: '2028-05-11',
    penalty: { types: ['fine', 'confiscation', 'licence-revocation'], fineAmountCny: 150_000 },
    failureClass: 'serious',
    summary: '经营添加非食用物质的食品,没收违法所得、处罚款十五万元并吊销食品经营许可证',
  },

  // 上海徐汇悦家家政: a current judgment-debtor listing; an earlier fine revoked on review.
  {
    recordId: 'SH-MSA-2024-001409',
    subject: ref(yuejia),
    category: 'administrative-penalty',
    severity: 'general',
    authority: '上海市徐汇区市场监督管理局',
    decisionNumber: '沪市监徐处〔2024〕1409号',
    decidedAt: '2024-09-23',
    validFrom: '2024-09-26',
    validTo: '2027-09-22',
    penalty: { types: ['fine'], fineAmountCny: 5_000 },
    summary: '发布家政服务广告含有虚假内容,处罚款五千元',
  },
  {
    recordId: 'SH-CRT-2025-001234',
    subject: ref(yuejia),
    category: 'dishonest-judgment-debtor',
    severity: 'serious',
    authority: '上海市第一中级人民法院',
    decisionNumber: '(2025)沪01执1234号',
    decidedAt: '2025-11-03',
    validFrom: '2025-11-03',
    summary: '拖欠家政服务人员劳动报酬,有履行能力而拒不履行生效法律文书确定的给付义务',
  },
  {
    recordId: 'SH-HRS-2023-000044',
    subject: ref(yuejia),
    category: 'administrative-license',
    severity: 'general',
    authority: '上海市徐汇区人力资源和社会保障局',
    decisionNumber: '沪人社徐许〔2023〕44号',
    decidedAt: '2023-02-27',
    validFrom: '2023-02-27',
    summary: '人力资源服务许可证(职业中介:家政服务人员)',
  },
];

export const demoLifecycle: readonly DemoLifecycleStep[] = [
  {
    recordId: 'SH-MSA-2025-001234',
    action: 'repair',
    body: {
      repairedAt: '2025-07-01T10:00:00+08:00',
      reason: '已完成整改并提交信用修复申请,公示期满三个月,经审核准予信用修复',
    },
  },
  {
    recordId: 'SH-MSA-2024-000873',
    action: 'repair',
    body: {
      repairedAt: '2025-06-10T14:30:00+08:00',
      reason: '已缴清罚没款、完成食品安全整改并履行信用承诺,最短公示期一年已满,准予信用修复',
    },
  },
  {
    recordId: 'SH-MSA-2024-001409',
    action: 'revoke',
    body: {
      revokedAt: '2024-12-20T09:00:00+08:00',
      reason: '行政复议决定撤销原行政处罚决定(沪徐府复决〔2024〕318号)',
    },
  },
  {
    recordId: 'SH-MSA-2025-000651',
    action: 'objection',
    body: {
      raisedAt: '2025-06-03T11:20:00+08:00',
      reason: '主体认为涉案食品系供应商提供,非本单位添加,对处罚事实提出异议',
    },
  },
  {
    recordId: 'SH-MSA-2025-000651',
    action: 'resolve',
    body: { resolvedAt: '2025-07-15T16:00:00+08:00', outcome: 'rejected' },
  },
  {
    recordId: 'SH-HMA-2025-000088',
    action: 'objection',
    body: {
      raisedAt: '2025-11-20T15:45:00+08:00',
      reason: '主体认为处罚所涉小区已于处罚前移交新物业服务企业,对处罚对象提出异议',
    },
  },
];

/**
 * A procurement project whose suppliers cover every verdict: listed and heavily fined firms
 * (ineligible, one of them disputed), penalties that need review and clean firms (eligible),
 * and a consortium (联合体) that takes its listed member's verdict.
 */
export const demoProcurementProject = {
  projectId: 'SHZC-DEMO-2026-001',
  purchaser: '上海市黄浦区教育局',
  suppliers: demoSubjects.map(ref),
  consortia: [{ consortiumId: 'LT-DEMO-1', members: [jincheng.uscc, yunfan.uscc] }],
};

/** One district's roster for one period, as sent in `PUT /v1/shopping/districts/{id}/periods/{period}/merchants`. */
export interface DemoShoppingRoster {
  districtId: string;
  period: string;
  merchants: { uscc: string; name: string; category: string; indicators: Record<string, number> }[];
}

type Profile = [name: string, category: string, orgCodeBody: string, division: string, strength: number];

/**
 * Merchants of five key districts: `strength` (0–1) spreads their indicators, and service-area
 * indicators sit lowest as in the real index; the second half-year improves a little. Three
 * merchants are demo companies with credit records, so reasons name real decisions.
 */
const districtProfiles: Record<string, Profile[]> = {
  'nanjing-road-east': [
    [huijin.name, '百货零售', 'MA1G5R2K', '310101', 0.8],
    [fengyu.name, '餐饮', 'MA1FK4HB', '310101', 0.7],
    ['上海南京东路第一百货示范店有限公司', '百货零售', 'MA1NJD01', '310101', 0.95],
    ['上海外滩老字号食品有限公司', '食品', 'MA1NJD02', '310101', 0.85],
    ['上海步行街钟表眼镜有限公司', '专业零售', 'MA1NJD03', '310101', 0.6],
  ],
  xujiahui: [
    [meishi.name, '餐饮', 'MA1FW3DB', '310104', 0.75],
    ['上海徐家汇数码广场经营有限公司', '电子数码', 'MA1XJH01', '310104', 0.65],
    ['上海港汇时尚百货有限公司', '百货零售', 'MA1XJH02', '310104', 0.9],
    ['上海衡山路书店有限公司', '文化用品', 'MA1XJH03', '310104', 0.85],
  ],
  'nanjing-road-west': [
    ['上海静安嘉里精品商业有限公司', '百货零售', 'MA1NJW01', '310106', 0.95],
    ['上海吴江路小吃有限公司', '餐饮', 'MA1NJW02', '310106', 0.7],
    ['上海张园文创商业有限公司', '文化用品', 'MA1NJW03', '310106', 0.9],
  ],
  yuyuan: [
    ['上海豫园旅游商品有限公司', '旅游商品', 'MA1YUY01', '310101', 0.6],
    ['上海城隍庙小吃经营有限公司', '餐饮', 'MA1YUY02', '310101', 0.65],
    ['上海老庙黄金示范店有限公司', '珠宝首饰', 'MA1YUY03', '310101', 0.85],
  ],
  wujiaochang: [
    ['上海五角场万达商业经营有限公司', '百货零售', 'MA1WJC01', '310110', 0.85],
    ['上海大学路咖啡有限公司', '餐饮', 'MA1WJC02', '310110', 0.8],
    ['上海合生汇运动用品有限公司', '专业零售', 'MA1WJC03', '310110', 0.7],
  ],
};

const round1 = (value: number) => Math.round(value * 10) / 10;

function demoIndicators(strength: number, improvement: number): Record<string, number> {
  const s = Math.min(1, strength + improvement);
  return {
    licenceCoverage: round1(80 + 20 * s),
    licenceDisplayed: s > 0.65 ? 1 : 0,
    inspectionFindings: Math.round((1 - s) * 6),
    samplingPassRate: round1(88 + 12 * s),
    qualityComplaints: round1((1 - s) * 12),
    afterSalesReturns: round1(50 + 40 * s),
    digitalServices: round1(45 + 40 * s),
    serviceProcess: round1(55 + 38 * s),
    complaintRate: round1((1 - s) * 18),
    complaintsResolvedInTime: round1(75 + 25 * s),
    prepaidCardDisputes: Math.round((1 - s) * 3),
  };
}

export const demoShoppingRosters: readonly DemoShoppingRoster[] = (['2026H1', '2026H2'] as const).flatMap(
  (period, half) =>
    Object.entries(districtProfiles).map(([districtId, profiles]) => ({
      districtId,
      period,
      merchants: profiles.map(([name, category, orgCodeBody, division, strength]) => ({
        uscc: buildUscc({ division, orgCodeBody }),
        name,
        category,
        indicators: demoIndicators(strength, half * 0.05),
      })),
    })),
);

/** A care agency as the regulator registers it (`PUT /v1/care/agencies/{uscc}`). */
export interface DemoCareAgency {
  uscc: string;
  body: {
    name: string;
    kind: 'elderly-care-institution' | 'home-care-service' | 'domestic-service';
    district: string;
    address: string;
    starRating?: number;
    licences?: { name: string; number: string; validTo?: string }[];
    services: string[];
  };
}

const careAgency = (
  owner: DemoSubject,
  kind: DemoCareAgency['body']['kind'],
  address: string,
  services: string[],
  starRating?: number,
): DemoCareAgency => ({
  uscc: owner.uscc,
  body: {
    name: owner.name,
    kind,
    district: owner.district,
    address,
    ...(starRating === undefined ? {} : { starRating }),
    licences: [
      {
        name: kind === 'domestic-service' ? '家政服务机构备案' : '养老机构备案回执',
        number: `沪民养备-${owner.uscc.slice(8, 14)}`,
      },
    ],
    services,
  },
});

const pudongCare = subject('上海浦东仁爱居家护理服务社', '浦东新区', '310115', 'MA1LC7RA');

/** Agencies of each kind in several districts; two of them carry credit records above (flags). */
export const demoCareAgencies: readonly DemoCareAgency[] = [
  careAgency(
    yikang,
    'elderly-care-institution',
    '上海市静安区共和新路 1888 号',
    ['机构养老', '认知症照护', '康复护理'],
    4,
  ),
  careAgency(fukang, 'home-care-service', '上海市闵行区莘松路 380 号', ['助餐', '助浴', '居家照护']),
  careAgency(pudongCare, 'home-care-service', '上海市浦东新区浦建路 76 号', ['居家照护', '陪诊']),
  careAgency(anxin, 'domestic-service', '上海市长宁区天山路 600 号', ['保洁', '育婴', '家务']),
  careAgency(yuejia, 'domestic-service', '上海市徐汇区漕溪北路 331 号', ['母婴护理', '保洁']),
];

/** A worker's file as an agency keeps it (`PUT …/workers/{badgeNo}`); invented people, generated ID numbers. */
export interface DemoCareWorker {
  agency: string;
  badgeNo: string;
  body: {
    name: string;
    idNumber: string;
    role: string;
    certifications: { name: string; number: string; validTo: string }[];
    healthCheckValidTo: string;
    insuranceValidTo: string;
  };
  /** Registered later by this agency under this badge: the worker moves, the first file closes. */
  movesTo?: { agency: string; badgeNo: string };
}

const careWorker = (
  agency: DemoSubject,
  badgeNo: string,
  name: string,
  person: { birthDate: string; sequence: number; division?: string },
  role: string,
  certificateValidTo: string,
): DemoCareWorker => ({
  agency: agency.uscc,
  badgeNo,
  body: {
    name,
    // Generated from invented parts at load time: no ID number is written down anywhere.
    idNumber: buildResidentId(person),
    role,
    certifications: [{ name: `${role}职业技能等级证书`, number: `${badgeNo}-ZS`, validTo: certificateValidTo }],
    healthCheckValidTo: '2030-12-31',
    insuranceValidTo: '2030-12-31',
  },
});

/** Workers with valid and expired certificates, and one who moves from 安心 to 悦家. */
export const demoCareWorkers: readonly DemoCareWorker[] = [
  careWorker(yikang, 'JA-0001', '陈桂兰', { birthDate: '1970-04-12', sequence: 228 }, '养老护理员', '2029-03-31'),
  careWorker(yikang, 'JA-0002', '周建国', { birthDate: '1968-09-30', sequence: 317 }, '养老护理员', '2024-06-30'),
  careWorker(fukang, 'MH-0001', '刘美华', { birthDate: '1975-01-20', sequence: 142 }, '医疗护理员', '2028-12-31'),
  careWorker(
    pudongCare,
    'PD-0001',
    '孙丽萍',
    { birthDate: '1979-07-08', sequence: 86, division: '310115' },
    '养老护理员',
    '2030-05-31',
  ),
  careWorker(anxin, 'CN-0001', '吴晓燕', { birthDate: '1983-11-02', sequence: 64 }, '家政服务员', '2027-10-31'),
  {
    ...careWorker(
      anxin,
      'CN-0003',
      '黄玉梅',
      { birthDate: '1981-03-25', sequence: 406, division: '320102' },
      '育婴员',
      '2028-08-31',
    ),
    movesTo: { agency: yuejia.uscc, badgeNo: 'XH-0007' },
  },
  careWorker(yuejia, 'XH-0001', '郑海英', { birthDate: '1986-12-14', sequence: 522 }, '母婴护理员', '2025-02-28'),
];

/** Services recorded by agencies and reviewed by their consumers. */
export const demoCareReviews: readonly {
  agency: string;
  badgeNo: string;
  serviceDate: string;
  kind: string;
  rating: number;
  comment?: string;
}[] = [
  {
    agency: yikang.uscc,
    badgeNo: 'JA-0001',
    serviceDate: '2026-09-03',
    kind: '认知症照护',
    rating: 5,
    comment: '耐心细致',
  },
  { agency: yikang.uscc, badgeNo: 'JA-0002', serviceDate: '2026-09-10', kind: '康复护理', rating: 3 },
  { agency: fukang.uscc, badgeNo: 'MH-0001', serviceDate: '2026-10-01', kind: '助浴', rating: 4, comment: '准时' },
  { agency: anxin.uscc, badgeNo: 'CN-0003', serviceDate: '2026-08-15', kind: '育婴', rating: 5, comment: '很专业' },
  { agency: anxin.uscc, badgeNo: 'CN-0003', serviceDate: '2026-09-20', kind: '育婴', rating: 4 },
  {
    agency: yuejia.uscc,
    badgeNo: 'XH-0001',
    serviceDate: '2026-10-12',
    kind: '母婴护理',
    rating: 2,
    comment: '迟到半小时',
  },
];
