import { getJson, type MerchantScore, type Page, segment } from '../api.js';
import { Link, Show, useLang, useLoad, usePageTitle } from '../app.js';

export default function District(props: { period: string; districtId: string }) {
  const { t } = useLang();
  const loaded = useLoad(
    () =>
      getJson<Page<MerchantScore>>(
        `/shopping/periods/${segment(props.period)}/districts/${segment(props.districtId)}/merchants`,
        { limit: '100' },
      ),
    `${props.period}/${props.districtId}`,
  );
  const title = t('districtMerchants', { d: props.districtId, p: props.period });
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link href={`/shopping/${props.period}`}>{t('rankingTitle', { p: props.period })}</Link>
      </p>
      <Show loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="notice">{t('empty')}</p>
          ) : (
            <ol class="results">
              {page.items.map((merchant) => (
                <li key={merchant.uscc} class="card">
                  <h2>
                    <Link href={`/shopping/merchants/${merchant.uscc}`}>{merchant.name}</Link>
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
