import { type DistrictScore, getJson, type MerchantScore, type Page, segment } from '../api.js';
import { Link, Show, useLang, useLoad, usePageTitle } from '../app.js';

export default function District(props: { period: string; districtId: string }) {
  const { t } = useLang();
  const base = `/shopping/periods/${segment(props.period)}/districts/${segment(props.districtId)}`;
  const loaded = useLoad(async () => {
    // The merchant list carries no district name; the district's own summary does (404 when unknown).
    const [summary, page] = await Promise.all([
      getJson<{ district: DistrictScore }>(`${base}/weakest-indicators`),
      getJson<Page<MerchantScore>>(`${base}/merchants`, { limit: '100' }),
    ]);
    return { district: summary.district, page };
  }, base);
  const name = loaded.state === 'ok' ? loaded.data.district.name : props.districtId;
  const title = t('districtMerchants', { d: name, p: props.period });
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link href={`/shopping/${props.period}`}>{t('rankingTitle', { p: props.period })}</Link>
      </p>
      <Show loaded={loaded} notFound="empty">
        {({ page }) =>
          page.items.length === 0 ? (
            <p class="notice">{t('empty')}</p>
          ) : (
            <ol class="results">
              {page.items.map((merchant) => (
                <li key={merchant.uscc} class="card">
                  <h2>
                    <Link href={`/shopping/merchants/${merchant.uscc}`}>
                      <bdi>{merchant.name}</bdi>
                    </Link>
                  </h2>
                  <p>
                    <strong class="score">{merchant.index.toFixed(1)}</strong> · {merchant.category}
                  </p>
                </li>
              ))}
            </ol>
          )
        }
      </Show>
    </>
  );
}
