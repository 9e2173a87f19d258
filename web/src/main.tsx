import type { FunctionComponent } from 'preact';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentPeriod, LangCtx, Link, onNavigate, useLang } from './app.js';
import { type Lang, storedLang, storeLang, translate } from './i18n.js';
import Agencies from './pages/agencies.js';
import Agency from './pages/agency.js';
import Badge from './pages/badge.js';
import District from './pages/district.js';
import Home from './pages/home.js';
import Merchant from './pages/merchant.js';
import Method from './pages/method.js';
import Ranking from './pages/ranking.js';
import Review from './pages/review.js';
import Subject from './pages/subject.js';
import { matchPage, type PageId } from './routes.js';
import './style.css';

// Every page in one bundle: the whole site is under 20 KB gzip, and a chunk per page would cost a
// phone one more round trip (≈150 ms and more on a slow link) than the bytes it saves.
// biome-ignore lint/suspicious/noExplicitAny: each page takes its own URL parameters.
const pages: Record<PageId, FunctionComponent<any>> = {
  home: Home,
  badge: Badge,
  review: Review,
  agencies: Agencies,
  agency: Agency,
  subject: Subject,
  ranking: Ranking,
  district: District,
  merchant: Merchant,
  method: Method,
};

function NotFound() {
  const { t } = useLang();
  return (
    <>
      <h1>{t('notFoundPage')}</h1>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </>
  );
}

function Router() {
  const [location, setLocation] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const update = () => setLocation(window.location.pathname + window.location.search);
    window.addEventListener('popstate', update);
    const stop = onNavigate(update);
    return () => {
      window.removeEventListener('popstate', update);
      stop();
    };
  }, []);
  const match = matchPage(window.location.pathname);
  if (!match) return <NotFound />;
  const Page = pages[match.page];
  return <Page key={location} {...match.params} />;
}

function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const context = useMemo(
    () => ({
      lang,
      t: (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
        translate(lang, key, values),
    }),
    [lang],
  );
  useEffect(() => storeLang(lang), [lang]);
  const { t } = context;
  return (
    <LangCtx.Provider value={context}>
      <a class="skip" href="#main">
        {lang === 'zh' ? '跳到正文' : 'Skip to content'}
      </a>
      <header>
        <Link href="/" class="brand">
          {t('site')}
        </Link>
        <button
          type="button"
          class="lang"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          aria-label={t('switchLangLabel')}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t('switchLang')}
        </button>
        <nav aria-label={t('nav')}>
          <Link href="/care/agencies">{t('agencies')}</Link>
          <Link href={`/shopping/${currentPeriod()}`}>{t('shopping')}</Link>
        </nav>
      </header>
      <main id="main">
        <Router />
      </main>
    </LangCtx.Provider>
  );
}

render(<App />, document.getElementById('app')!);
