import { useEffect, useState } from 'preact/hooks';
import { type AgencyListItem, getJson, type Page } from '../api.js';
import { Failure, Link, Loading, navigate, useLang, usePageTitle } from '../app.js';
import { vocabulary } from '../i18n.js';
import { Flags, Rating } from '../widgets.js';

const KINDS = ['elderly-care-institution', 'home-care-service', 'domestic-service'] as const;
const PAGE_SIZE = '20';

type Listing =
  | { state: 'loading'; items: AgencyListItem[] }
  | { state: 'ok'; items: AgencyListItem[]; next?: string }
  | { state: 'error'; items: AgencyListItem[]; error: unknown; next?: string };

/** The search lives in the URL (`?q=&district=&kind=`), so a result list can be shared and reloaded. */
export default function Agencies() {
  const { lang, t } = useLang();
  usePageTitle(t('agencySearchTitle'));
  const query = new URLSearchParams(location.search);
  const filters = { q: query.get('q') ?? '', district: query.get('district') ?? '', kind: query.get('kind') ?? '' };
  const key = JSON.stringify(filters);
  const [form, setForm] = useState(filters);
  const [listing, setListing] = useState<Listing>({ state: 'loading', items: [] });

  const load = (items: AgencyListItem[], cursor?: string) => {
    setListing({ state: 'loading', items });
    getJson<Page<AgencyListItem>>('/care/agencies', { ...filters, limit: PAGE_SIZE, cursor }).then(
      (page) => setListing({ state: 'ok', items: [...items, ...page.items], next: page.nextCursor }),
      (error: unknown) => setListing({ state: 'error', items, error, next: cursor }),
    );
  };
  useEffect(() => {
    setForm(filters);
    load([]);
  }, [key]);

  const submit = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) if (value.trim()) params.set(name, value.trim());
    navigate(`/care/agencies${params.size > 0 ? `?${params}` : ''}`);
  };
  const field = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <>
      <h1>{t('agencySearchTitle')}</h1>
      <form class="card filters" onSubmit={submit}>
        <label for="f-q">{t('agencySearchLabel')}</label>
        <input id="f-q" type="search" maxLength={40} value={form.q} onInput={field('q')} />
        <label for="f-district">{t('district')}</label>
        <input
          id="f-district"
          maxLength={40}
          value={form.district}
          placeholder={t('anyDistrict')}
          onInput={field('district')}
        />
        <label for="f-kind">{t('kind')}</label>
        <select id="f-kind" value={form.kind} onChange={field('kind')}>
          <option value="">{t('anyKind')}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {vocabulary(lang, kind)}
            </option>
          ))}
        </select>
        <button type="submit">{t('search')}</button>
      </form>
      {listing.state === 'ok' && listing.items.length === 0 && <p class="notice">{t('empty')}</p>}
      <ul class="results" aria-live="polite">
        {listing.items.map((agency) => (
          <li key={agency.uscc} class="card">
            <h2>
              <Link href={`/care/agencies/${agency.uscc}`}>
                <bdi>{agency.name}</bdi>
              </Link>
            </h2>
            <p class="muted">
              {vocabulary(lang, agency.kind)} · {agency.district}
              {agency.starRating !== undefined && ` · ${t('starRating')} ${agency.starRating}`}
            </p>
            <p>
              <Rating rating={agency.rating} />
            </p>
            <Flags flags={agency.flags} />
          </li>
        ))}
      </ul>
      {listing.state === 'loading' && <Loading />}
      {listing.state === 'error' && <Failure error={listing.error} retry={() => load(listing.items, listing.next)} />}
      {listing.state === 'ok' && listing.next && (
        <button type="button" class="more" onClick={() => load(listing.items, listing.next)}>
          {t('more')}
        </button>
      )}
    </>
  );
}
