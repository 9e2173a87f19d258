import { AxeBuilder } from '@axe-core/playwright';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoLinks } from '../../local/demo-links.js';
import { demoPagePaths, startDemoSite } from '../../local/demo-site.js';
import type { SeedTarget } from '../../local/seed.js';
import { buildUscc } from '../../shared/uscc.js';
import { atLeastAMinuteOfTheWindowLeft, WINDOW_WAIT_MS } from '../limit-window.js';
import { desktop, launchChromium, mobile } from './chromium.js';

// One platform with the demo data, one build of the site and one browser for every test here.
jest.setTimeout(120_000);

let site: Awaited<ReturnType<typeof startDemoSite>>;
let platform: typeof site.platform;
let server: { url: string };
let browser: Browser;
let target: SeedTarget;
let links: DemoLinks;
let contexts: BrowserContext[] = [];

const DEMO_PERIOD = '2026H2';
const anxin = '91310105MA1K8N4T6L';
const hostileName = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">上海测试家政有限公司';
const hostileUscc = buildUscc({ division: '310104', orgCodeBody: 'MA1XTT01' });

beforeAll(async () => {
  const [started, launched] = await Promise.all([startDemoSite(process.env.TEST_DYNAMODB_ENDPOINT!), launchChromium()]);
  site = started;
  browser = launched;
  ({ platform, target, links } = site);
  server = { url: site.url };
  // A name as hostile as the API lets through: markup is ordinary text to it.
  const admin = await target.mint(['care:admin']);
  const registered = await target.call('PUT', `/v1/care/agencies/${hostileUscc}`, admin, {
    name: hostileName,
    kind: 'domestic-service',
    district: '徐汇区',
    address: '上海市徐汇区<b>测试</b>路 1 号',
    services: ['保洁'],
  });
  expect(registered.status).toBe(201);
  await platform.deliverEvents();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

async function open(path: string, options: typeof desktop | typeof mobile = desktop): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  (page as Page & { failures: string[] }).failures = failures;
  await page.goto(path.startsWith('http') ? path : `${server.url}${path}`);
  return page;
}

/** Waits until the page has left its loading state. */
async function settled(page: Page) {
  await page.locator('main h1, main [role=alert]').first().waitFor();
  await page.locator('main .status').waitFor({ state: 'detached' });
}

describe('worker badge landing', () => {
  test('the right code shows the worker, green where papers are valid', async () => {
    const page = await open(links.validBadge, mobile);
    const card = page.locator('[data-state=valid]');
    await card.waitFor();
    await expect(card.locator('h2').textContent()).resolves.toBe('陈*兰');
    await expect(card.locator('.validity.ok').count()).resolves.toBe(3);
    await expect(card.textContent()).resolves.toContain('上海静安颐康养老服务有限公司');
  });

  test('an expired certificate is red, with a word as well as a colour', async () => {
    const page = await open(links.expiredBadge, mobile);
    const card = page.locator('[data-state=invalid]');
    await card.waitFor();
    await expect(card.locator('.validity.bad').textContent()).resolves.toContain('已过期或无效');
  });

  test('a wrong code and an unknown badge read the same, revealing nothing', async () => {
    const wrongCode = links.validBadge.replace(/#c=.*/, '#c=AAAAAAAAAAAAAAAAAAAAAA');
    const unknownBadge = links.validBadge.replace('/w/JA-0001', '/w/ZZ-9999');
    const texts = [];
    for (const url of [wrongCode, unknownBadge]) {
      const page = await open(url, mobile);
      const notice = page.locator('[data-state=not-found]');
      await notice.waitFor();
      texts.push(await notice.textContent());
      await expect(page.locator('.worker').count()).resolves.toBe(0);
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toContain('未找到该工牌，或核验码不正确');
  });
});

test('searching agencies from the home page leads to a profile with ratings, flags and records', async () => {
  const page = await open('/');
  await page.getByLabel('机构名称').fill('家政');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/\/care\/agencies\?q=/);
  const result = page.getByRole('link', { name: '上海徐汇悦家家政服务有限公司' });
  await result.waitFor();
  await expect(page.locator('.results > li').count()).resolves.toBeGreaterThanOrEqual(2);
  await result.click();
  await page.waitForURL(/\/care\/agencies\/91310104MA1KC2PD3R$/);
  await settled(page);
  await expect(page.locator('h1').textContent()).resolves.toBe('上海徐汇悦家家政服务有限公司');
  await expect(page.locator('.tag.bad').first().textContent()).resolves.toBe('严重失信');
  await expect(page.locator('.records li').first().textContent()).resolves.toContain('失信被执行人');
});

test('the agency filters go into the URL and narrow the list', async () => {
  const page = await open('/care/agencies');
  await page.getByLabel('类型').selectOption('elderly-care-institution');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/kind=elderly-care-institution/);
  await page.locator('.results > li').first().waitFor();
  const kinds = await page.locator('.results > li .muted').allInnerTexts();
  expect(kinds.length).toBeGreaterThan(0);
  for (const kind of kinds) expect(kind).toContain('养老机构');
});

test('a service is reviewed once: the second try says the code was used', async () => {
  const page = await open(links.review, mobile);
  await page.getByLabel('4 星').check();
  await page.getByLabel('留言（可选，最多 500 字）').fill('准时，细心');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.locator('[data-state=saved]').textContent()).resolves.toContain('4 星');
  const again = await open(links.review, mobile);
  await again.getByLabel('5 星').check();
  await again.getByRole('button', { name: '提交评价' }).click();
  await again.locator('[data-state=used]').waitFor();
  await expect(again.locator('form').count()).resolves.toBe(0);
});

test('the ranking chart shows every district with its index, and leads to merchants and their history', async () => {
  const ranking = (await platform.call('GET', `/v1/shopping/periods/${DEMO_PERIOD}/districts`)).json as {
    items: { name: string; index: number; districtId: string }[];
  };
  const page = await open(`/shopping/${DEMO_PERIOD}`);
  await page.locator('svg.bar-chart').waitFor();
  const bars = await page
    .locator('.bar-row')
    .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-label'), Number(row.getAttribute('data-value'))]));
  expect(bars).toEqual(ranking.items.map((district) => [district.name, district.index]));
  await expect(page.locator('.bar-row').first().locator('rect.part').count()).resolves.toBe(5);
  const first = ranking.items[0]!;
  await page.getByRole('link', { name: first.name }).click();
  await page.waitForURL(new RegExp(`/shopping/${DEMO_PERIOD}/districts/${first.districtId}$`));
  await settled(page);
  await expect(page.locator('h1').textContent()).resolves.toContain(first.name);
  await page.locator('.results a').first().click();
  await page.waitForURL(/\/shopping\/merchants\//);
  await page.locator('svg.line-chart').waitFor();
  const points = await page
    .locator('.point')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-label')));
  expect(points.at(-1)).toBe(DEMO_PERIOD);
  expect([...points].sort()).toEqual(points);
});

test('the USCC form names the failing rule as the user types and looks up a valid code', async () => {
  const page = await open('/', mobile);
  const input = page.getByLabel('统一社会信用代码');
  const rule = page.locator('#uscc-rule strong');
  await input.fill('9131010763215');
  await expect(rule.getAttribute('data-rule')).resolves.toBe('length');
  await input.fill('91310107632154876B');
  await expect(rule.getAttribute('data-rule')).resolves.toBe('check-digit');
  await expect(page.locator('#uscc-rule .detail').textContent()).resolves.toContain("should be 'A'");
  await expect(page.getByRole('button', { name: '查询', exact: true }).isDisabled()).resolves.toBe(true);
  await input.fill('91310107632154876A');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.waitForURL(/\/subjects\/91310107632154876A$/);
  await settled(page);
  await expect(page.locator('h1').textContent()).resolves.toBe('上海普陀宏远建设工程有限公司');
  await expect(page.locator('.tag.bad').textContent()).resolves.toBe('列入失信名单');
});

test('English is a switch away and stays chosen', async () => {
  const page = await open('/care/agencies');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Elderly-care and domestic-service agencies');
  await page.reload();
  await settled(page);
  await expect(page.locator('h1').textContent()).resolves.toBe('Elderly-care and domestic-service agencies');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
});

describe('values from the API are text, never markup', () => {
  test('markup in a stored name is shown as typed and runs nothing', async () => {
    const page = await open('/care/agencies?q=上海测试家政');
    const heading = page.locator('.results h2 bdi');
    await heading.waitFor();
    await expect(heading.textContent()).resolves.toBe(hostileName);
    await page.locator('.results h2 a').click();
    await settled(page);
    await expect(page.locator('h1 bdi').textContent()).resolves.toBe(hostileName);
    await expect(page.locator('main').textContent()).resolves.toContain('上海市徐汇区<b>测试</b>路 1 号');
    await expect(page.locator('main script, main img, main b').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__xss')).resolves.toBeUndefined();
  });

  test('bidi overrides (which the API refuses, so an answer is forged here) stay isolated text', async () => {
    const context = await browser.newContext(desktop);
    contexts.push(context);
    const page = await context.newPage();
    const spoofed = '\u202Egnp.exe\u202C<script>window.__xss=3</script>';
    await page.route('**/v1/care/agencies?**', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          items: [
            {
              uscc: anxin,
              name: spoofed,
              kind: 'domestic-service',
              district: '\u202E区宁长',
              rating: { count: 0, mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
              flags: { seriousDishonesty: false, recentPenalty: false },
            },
          ],
        }),
      }),
    );
    await page.goto(`${server.url}/care/agencies?q=x`);
    const name = page.locator('.results h2 bdi');
    await name.waitFor();
    await expect(name.evaluate((node) => node.textContent)).resolves.toBe(spoofed);
    await expect(page.locator('main script').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__xss')).resolves.toBeUndefined();
  });

  test('the CSP enforces Trusted Types: writing HTML into the page throws', async () => {
    const page = await open('/');
    await settled(page);
    const outcome = await page.evaluate(`(() => {
      try {
        document.body.innerHTML = '<b>x</b>';
        return 'written';
      } catch (error) {
        return error.name;
      }
    })()`);
    expect(outcome).toBe('TypeError');
  });
});

/** The WCAG 2.2 A and AA rules (axe's best-practice rules are left out: they double the time). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('accessibility (axe: no serious or critical violation)', () => {
  const pages = () => [
    ...Object.values(demoPagePaths(links, server.url)),
    '/w/ZZ-9999#c=AAAAAAAAAAAAAAAAAAAAAA',
    '/no/such/page',
  ];
  test.each([
    ['desktop', desktop],
    ['360 px', mobile],
  ] as const)('every page on %s', async (_name, viewport) => {
    const found: string[] = [];
    for (const path of pages()) {
      const page = await open(path, viewport);
      await settled(page);
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
      for (const violation of violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical') {
          found.push(`${path}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
        }
      }
      expect((page as Page & { failures: string[] }).failures).toEqual([]);
    }
    expect(found).toEqual([]);
  });
});

// Last: it spends this address's lookup allowance.
test(
  'too many lookups: the badge page says to wait, with the time the API gives',
  async () => {
    await atLeastAMinuteOfTheWindowLeft();
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 429; attempt++) {
      const code = 'AAAAAAAAAAAAAAAAAAAAAA';
      status = (await platform.call('POST', '/v1/care/worker-lookups', { body: { badgeNo: 'JA-0001', code } })).status;
    }
    expect(status).toBe(429);
    const page = await open(links.validBadge, mobile);
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/查询过于频繁，请稍后再试。\s*约 \d+ 秒后可再试。/);
  },
  WINDOW_WAIT_MS,
);
