import { useState } from 'preact/hooks';
import { currentPeriod, Link, navigate, useLang, usePageTitle } from '../app.js';
import { UsccForm } from '../widgets.js';

export default function Home() {
  const { t } = useLang();
  usePageTitle(t('searchTitle'));
  const [q, setQ] = useState('');
  const search = (event: Event) => {
    event.preventDefault();
    navigate(`/care/agencies?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <section class="card">
        <h2>{t('agencies')}</h2>
        <form onSubmit={search}>
          <label for="agency-q">{t('agencySearchLabel')}</label>
          <div class="row">
            <input
              id="agency-q"
              type="search"
              value={q}
              maxLength={40}
              placeholder={t('agencySearchHint')}
              onInput={(event) => setQ((event.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit">{t('search')}</button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{t('subjectTitle')}</h2>
        <UsccForm target={(uscc) => `/subjects/${uscc}`} />
      </section>
      <section class="card">
        <h2>{t('links')}</h2>
        <ul class="links">
          <li>
            <Link href={`/shopping/${currentPeriod()}`}>{t('shopping')}</Link>
          </li>
          <li>
            <Link href="/shopping/method">{t('method')}</Link>
          </li>
          <li>
            <Link href="/care/agencies">{t('agencySearchTitle')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
