/**
 * Two languages, chosen once and remembered: Chinese by default (the residents a badge reaches),
 * English on request. Every key holds both texts side by side, so a missing translation is a
 * type error rather than a blank on a page.
 */
export type Lang = 'zh' | 'en';
type Texts = { zh: string; en: string };

const LANG_KEY = 'credit-plus.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private modes may refuse storage: the choice then lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const texts = {
  site: { zh: '信用+ 公共信用查询', en: 'Credit+ public credit lookup' },
  switchLang: { zh: 'English', en: '中文' },
  switchLangLabel: { zh: 'Switch to English', en: '切换到中文' },
  nav: { zh: '主导航', en: 'Main navigation' },
  home: { zh: '首页', en: 'Home' },
  agencies: { zh: '养老家政机构', en: 'Care agencies' },
  shopping: { zh: '购物诚信指数', en: 'Shopping integrity index' },
  method: { zh: '评价方法', en: 'Method' },
  loading: { zh: '加载中…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Try again' },
  errorGeneric: { zh: '暂时无法获取数据，请稍后重试。', en: 'The data could not be loaded. Please try again later.' },
  notFoundPage: { zh: '页面不存在。', en: 'This page does not exist.' },
  tooMany: { zh: '查询过于频繁，请稍后再试。', en: 'Too many lookups. Please try again later.' },
  retryAfter: { zh: '约 {n} 秒后可再试。', en: 'You can try again in about {n} s.' },
  empty: { zh: '没有结果。', en: 'Nothing found.' },
  more: { zh: '加载更多', en: 'Load more' },
  searchTitle: { zh: '查询信用信息', en: 'Look up credit information' },
  agencySearchLabel: { zh: '机构名称', en: 'Agency name' },
  agencySearchHint: { zh: '例如：家政', en: 'e.g. 家政 (domestic service)' },
  search: { zh: '搜索', en: 'Search' },
  usccLabel: { zh: '统一社会信用代码', en: 'Unified social credit code (USCC)' },
  usccHint: { zh: '18 位，例如 91310107632154876A', en: '18 characters, e.g. 91310107632154876A' },
  usccOk: { zh: '代码格式正确', en: 'The code is well formed' },
  lookUp: { zh: '查询', en: 'Look up' },
  ruleLength: { zh: '长度应为 18 位', en: 'Must be 18 characters long' },
  ruleCharset: {
    zh: '含有不允许的字符（只允许 0-9 和除 I、O、S、V、Z 外的大写字母）',
    en: 'Contains a character that is not allowed',
  },
  ruleDivision: { zh: '第 3-8 位行政区划码应为 6 位数字', en: 'Positions 3-8 (division code) must be digits' },
  ruleOrgCheck: { zh: '第 17 位组织机构代码校验位不正确', en: 'The 17th character (organisation code check) is wrong' },
  ruleCheckDigit: { zh: '第 18 位校验码不正确', en: 'The 18th character (check character) is wrong' },
  ruleType: { zh: '请输入代码', en: 'Enter a code' },
  links: { zh: '更多查询', en: 'More' },
  badgeTitle: { zh: '服务人员身份核验', en: 'Care worker check' },
  badgeNo: { zh: '工牌号', en: 'Badge' },
  badgeNotFound: {
    zh: '未找到该工牌，或核验码不正确。请核对工牌上的二维码后重新扫描。',
    en: 'Badge not found or the code is wrong. Please scan the QR code on the badge again.',
  },
  badgeNoCode: {
    zh: '链接中缺少核验码，请扫描工牌上的二维码。',
    en: 'The link has no check code: scan the QR code on the badge.',
  },
  role: { zh: '职业', en: 'Role' },
  agency: { zh: '所属机构', en: 'Agency' },
  certifications: { zh: '职业资格证书', en: 'Certificates' },
  healthCheck: { zh: '健康体检', en: 'Health check' },
  insurance: { zh: '保险', en: 'Insurance' },
  valid: { zh: '有效', en: 'Valid' },
  invalid: { zh: '已过期或无效', en: 'Expired or missing' },
  rating: { zh: '服务评价', en: 'Rating' },
  ratings: { zh: '{n} 条评价', en: '{n} reviews' },
  noRatings: { zh: '暂无评价', en: 'No reviews yet' },
  asOf: { zh: '核验时间', en: 'Checked at' },
  seriousDishonesty: { zh: '严重失信', en: 'Serious dishonesty' },
  recentPenalty: { zh: '近一年受行政处罚', en: 'Penalty within a year' },
  noFlags: { zh: '无失信标记', en: 'No flags' },
  reviewTitle: { zh: '服务评价', en: 'Review a service' },
  reviewNoToken: { zh: '链接中缺少评价码。', en: 'The link has no review code.' },
  yourRating: { zh: '评分（1-5 星）', en: 'Rating (1-5 stars)' },
  stars: { zh: '{n} 星', en: '{n} stars' },
  comment: { zh: '留言（可选，最多 500 字）', en: 'Comment (optional, up to 500 characters)' },
  submit: { zh: '提交评价', en: 'Submit review' },
  reviewThanks: { zh: '感谢您的评价（{n} 星）。', en: 'Thank you for your review ({n} stars).' },
  reviewUsed: {
    zh: '这个评价码已经使用过，每次服务只能评价一次。',
    en: 'This review code was already used: a service can be reviewed once.',
  },
  reviewUnknown: { zh: '评价码无效。', en: 'The review code is not valid.' },
  chooseRating: { zh: '请选择评分。', en: 'Choose a rating.' },
  agencySearchTitle: { zh: '养老和家政服务机构', en: 'Elderly-care and domestic-service agencies' },
  district: { zh: '区', en: 'District' },
  kind: { zh: '类型', en: 'Kind' },
  anyKind: { zh: '全部类型', en: 'Any kind' },
  anyDistrict: { zh: '例如：徐汇区', en: 'e.g. 徐汇区' },
  'elderly-care-institution': { zh: '养老机构', en: 'Elderly-care institution' },
  'home-care-service': { zh: '居家养老服务', en: 'Home-care service' },
  'domestic-service': { zh: '家政服务', en: 'Domestic service' },
  address: { zh: '地址', en: 'Address' },
  starRating: { zh: '星级', en: 'Star rating' },
  licences: { zh: '许可与备案', en: 'Licences' },
  services: { zh: '服务项目', en: 'Services' },
  creditRecords: { zh: '当前有效的公共信用记录', en: 'Public credit records counting now' },
  noRecords: { zh: '没有当前有效的记录。', en: 'No records count now.' },
  agencyNotFound: { zh: '未找到该机构。', en: 'Agency not found.' },
  underObjection: { zh: '异议处理中', en: 'Under objection' },
  decided: { zh: '决定日期', en: 'Decided' },
  validTo: { zh: '有效期至', en: 'Valid to' },
  authority: { zh: '决定机关', en: 'Authority' },
  subjectTitle: { zh: '公共信用信息', en: 'Public credit profile' },
  subjectNotFound: { zh: '没有该主体的公共信用记录。', en: 'No public credit records for this subject.' },
  onDishonestyList: { zh: '列入失信名单', en: 'On a dishonesty list' },
  repaired: { zh: '已信用修复 {n} 条', en: '{n} repaired' },
  commendations: { zh: '表彰', en: 'Commendations' },
  rankingTitle: { zh: '{p} 重点商圈购物诚信指数', en: 'Shopping integrity index of key districts, {p}' },
  rankingChart: { zh: '各商圈指数（0-100）', en: 'Index per district (0-100)' },
  period: { zh: '期间', en: 'Period' },
  merchants: { zh: '商户', en: 'Merchants' },
  merchantCount: { zh: '{n} 家商户', en: '{n} merchants' },
  index: { zh: '指数', en: 'Index' },
  dimensions: { zh: '分项得分', en: 'Dimension scores' },
  noRanking: { zh: '该期间还没有排名。', en: 'No ranking for this period yet.' },
  districtMerchants: { zh: '{d} 商户（{p}）', en: 'Merchants of {d} ({p})' },
  merchantHistory: { zh: '历次指数', en: 'Index history' },
  reasons: { zh: '扣分与加分原因', en: 'Reasons' },
  reply: { zh: '商户回复', en: 'Merchant reply' },
  merchantNotFound: { zh: '未找到该商户的评价。', en: 'No scores for this merchant.' },
  methodTitle: { zh: '评价方法', en: 'Evaluation method' },
  weight: { zh: '权重', en: 'Weight' },
  version: { zh: '版本', en: 'Version' },
  published: { zh: '发布日期', en: 'Published' },
  indicators: { zh: '指标', en: 'Indicators' },
  recordsCount: { zh: '计入的信用记录', en: 'Which records count' },
  category: { zh: '类别', en: 'Category' },
  'dishonest-judgment-debtor': { zh: '失信被执行人', en: 'Dishonest judgment debtor' },
  'major-tax-violation': { zh: '重大税收违法', en: 'Major tax violation' },
  'procurement-serious-violation': { zh: '政府采购严重违法失信', en: 'Serious procurement violation' },
  'administrative-penalty': { zh: '行政处罚', en: 'Administrative penalty' },
  'administrative-license': { zh: '行政许可', en: 'Administrative licence' },
  commendation: { zh: '表彰', en: 'Commendation' },
  'credit-commitment': { zh: '信用承诺', en: 'Credit commitment' },
  serious: { zh: '严重', en: 'Serious' },
  general: { zh: '一般', en: 'General' },
} satisfies Record<string, Texts>;

export type TextKey = keyof typeof texts;

export function isTextKey(key: string): key is TextKey {
  return Object.hasOwn(texts, key);
}

/** A text in the language, with `{name}` placeholders filled; values stay plain strings (rendered as text). */
export function translate(lang: Lang, key: TextKey, values: Record<string, string | number> = {}): string {
  return texts[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** A label from the API's vocabulary (category, kind, severity) in the language, or the value itself. */
export function vocabulary(lang: Lang, value: string): string {
  return isTextKey(value) ? translate(lang, value) : value;
}

/** The method's labels read "中文 English": the part in the language asked for. */
export function bilingualLabel(lang: Lang, label: string): string {
  const at = label.search(/ [A-Za-z]/);
  if (at < 0) return label;
  return lang === 'zh' ? label.slice(0, at) : label.slice(at + 1);
}
