import type { FunctionComponent } from 'preact';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentPeriod, LangCtx, Link, Loading, onNavigate, useLang } from './app.js';
import { type Lang, storedLang, storeLang, translate } from './i18n.js';
import { matchPage, type PageId } from './routes.js';
import './style.css';

// One module per page, loaded when its URL is opened: a page's script is the shell plus its own chunk.
// biome-ignore lint/suspicious/noExplicitAny: each page takes its own URL parameters.
type PageModule = { default: FunctionComponent<any> };
const pages: Record<PageId, () => Promise<PageModule>> = {
  home: () => import('./pages/home.js'),
  badge: () => import('./pages/badge.js'),
  review: () => import('./pages/review.js'),
  agencies: () => import('./pages/agencies.js'),
  agency: () => import('./pages/agency.js'),
  subject: () => import('./pages/subject.js'),
  ranking: () => import('./pages/ranking.js'),
  district: () => import('./pages/district.js'),
  merchant: () => import('./pages/merchant.js'),
  method: () => import('./pages/method.js'),
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
  const [loaded, setLoaded] = useState<{ for: string; module: PageModule } | undefined>();
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
  useEffect(() => {
    if (!match) return;
    pages[match.page]().then((module) => setLoaded({ for: match.page, module }));
  }, [match?.page]);
  if (!match) return <NotFound />;
  if (loaded?.for !== match.page) return <Loading />;
  const Page = loaded.module.default;
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
