import { notFound } from '../../../shared/domain-errors.js';
import { withdrawsCurrentVersion } from '../credit-records/counting.js';
import type { CreditRecord } from '../credit-records/model.js';
import { CLASS_LABEL, type RepairEligibility, repairEligibility } from './eligibility.js';
import { type Citation, ORDER_36, ORDER_58 } from './law.js';

/**
 * The repair-rights notice (信用修复权益告知书) delivered with a penalty decision (两书同达, seed work
 * point 6). It is issued as of the instant the version is published on the platform, under the
 * regime in force then, and never changes afterwards: it is what the subject was told. The
 * repair-eligibility route answers for any later date.
 */
export interface RepairNotice {
  title: string;
  recordId: string;
  version: number;
  subject: { uscc: string; name: string };
  authority: string;
  decisionNumber: string;
  decidedAt: string;
  issuedAt: string;
  regime: RepairEligibility['regime'];
  failureClass?: RepairEligibility['failureClass'];
  publicity?: RepairEligibility['publicity'];
  earliestApplicationDate?: string;
  conditions: { id: string; text: string; citations: Citation[] }[];
  applyTo: string[];
  /** The notice as the subject reads it, one paragraph per entry. */
  paragraphs: string[];
  citations: Citation[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

function periodParagraph(eligibility: RepairEligibility): string {
  const { publicity, failureClass } = eligibility;
  if (!publicity) return '';
  if (!failureClass) {
    const sectors = publicity.sectorMinimum?.sectors.join('、');
    return `该行政处罚信息自决定作出之日起公示，最短公示期3个月（${sectors}领域为1年），最长公示期3年（至${publicity.maximum.lastDay}止）。`;
  }
  const label = CLASS_LABEL[failureClass.value];
  const minimum =
    publicity.minimum.months === 0 ? '原则上不予公示，无最短公示期' : `最短公示期${publicity.minimum.months}个月`;
  return `该信息属于${label}（${failureClass.basis}），自决定作出之日起计算，${minimum}，最长公示期${publicity.maximum.months}个月（至${publicity.maximum.lastDay}止），届满后自动停止公示。`;
}

function whenParagraph(eligibility: RepairEligibility): string {
  if (eligibility.publicity?.minimum.months === 0) return '法定责任履行完毕即可申请信用修复。';
  return `自${eligibility.earliestApplicationDate}起可申请信用修复（最短公示期届满的次日）。`;
}

/** The notice for a published administrative penalty; undefined for any other record. */
export function repairNotice(record: CreditRecord, issuedAt: Date): RepairNotice | undefined {
  if (record.category !== 'administrative-penalty' || record.revocation) return undefined;
  const eligibility = repairEligibility(record, issuedAt.getTime());
  const conditions = eligibility.conditions.map(({ id, text, citations }) => ({ id, text, citations }));
  const sections = [
    periodParagraph(eligibility),
    whenParagraph(eligibility),
    `申请信用修复须同时满足：${conditions.map((condition, index) => `（${NUMERALS[index]}）${condition.text}`).join('；')}。`,
    `申请渠道：${eligibility.applyTo.join('；')}。`,
    '信用修复完成后，该信息终止公示、停止共享和使用，相关失信惩戒措施同步解除；信用修复不改变行政处罚决定本身。',
  ];
  const paragraphs = [
    `${record.subject.name}（统一社会信用代码：${record.subject.uscc}）：`,
    `${record.authority}于${record.decidedAt}作出的行政处罚决定（${record.decisionNumber}）已公示。根据${eligibility.regime.title}，现将你单位享有的信用修复权益告知如下：`,
    ...sections.map((section, index) => `${NUMERALS[index]}、${section}`),
    ...(eligibility.regime === ORDER_58
      ? [
          `自${ORDER_36.inForceFrom}起施行${ORDER_36.title}，${ORDER_58.title}同时废止；届时修复条件以新办法为准，可通过信用修复条件查询核实。`,
        ]
      : []),
  ];
  return {
    title: '信用修复权益告知书',
    recordId: record.recordId,
    version: record.version,
    subject: record.subject,
    authority: record.authority,
    decisionNumber: record.decisionNumber,
    decidedAt: record.decidedAt,
    issuedAt: issuedAt.toISOString(),
    regime: eligibility.regime,
    ...(eligibility.failureClass ? { failureClass: eligibility.failureClass } : {}),
    ...(eligibility.publicity ? { publicity: eligibility.publicity } : {}),
    ...(eligibility.earliestApplicationDate ? { earliestApplicationDate: eligibility.earliestApplicationDate } : {}),
    conditions,
    applyTo: eligibility.applyTo,
    paragraphs,
    citations: eligibility.citations,
  };
}

/**
 * The record whose notice the public may read: an administrative penalty whose current version
 * stands. A revoked decision or a version withdrawn by an upheld objection has no rights to tell.
 */
export function noticeRecord(record: CreditRecord | undefined, recordId: string): CreditRecord {
  if (!record) throw notFound(`No credit record ${recordId} exists.`);
  if (record.category !== 'administrative-penalty') {
    throw notFound(`Credit record ${recordId} is not an administrative penalty: it has no repair-rights notice.`);
  }
  if (record.revocation || record.objections.some((objection) => withdrawsCurrentVersion(objection, record))) {
    throw notFound(`Credit record ${recordId} was withdrawn: its repair-rights notice no longer applies.`);
  }
  return record;
}
