import { type DistrictScore, getJson, type Method, segment } from '../api.js';
import { Link, Show, useLang, useLoad, usePageTitle } from '../app.js';
import { BarChart } from '../charts.js';
import { bilingualLabel } from '../i18n.js';

const loadRanking = async (period: string) => {
  const [ranking, method] = await Promise.all([
    getJson<{ items: DistrictScore[] }>(`/shopping/periods/${segment(period)}/districts`),
    getJson<Method>('/shopping/method'),
  ]);
  return { ranking, method };
};

export default function Ranking(props: { period: string }) {
  const { lang, t } = useLang();
  const title = t('rankingTitle', { p: props.period });
  usePageTitle(title);
  const loaded = useLoad(() => loadRanking(props.period), props.period);
  return (
    <>
      <h1>{title}</h1>
      <Show loaded={loaded} notFound="noRanking">
        {({ ranking, method }) => {
          if (ranking.items.length === 0) return <p class="notice">{t('noRanking')}</p>;
          const dimensions = method.dimensions.map((dimension) => ({
            id: dimension.id,
            label: bilingualLabel(lang, dimension.label),
          }));
          return (
            <>
              <BarChart
                title={t('rankingChart')}
                partNames={dimensions.map((dimension) => dimension.label)}
                rows={ranking.items.map((district) => ({
                  label: district.name,
                  value: district.index,
                  parts: dimensions.map((dimension) => ({
                    label: dimension.label,
                    value: district.dimensions[dimension.id] ?? 0,
                  })),
                }))}
              />
              <div class="table-scroll">
                <table>
                  <caption>{t('dimensions')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('district')}</th>
                      <th scope="col">{t('index')}</th>
                      {dimensions.map((dimension) => (
                        <th key={dimension.id} scope="col">
                          {dimension.label}
                        </th>
                      ))}
                      <th scope="col">{t('merchants')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.items.map((district) => (
                      <tr key={district.districtId}>
                        <th scope="row">
                          <Link href={`/shopping/${props.period}/districts/${district.districtId}`}>
                            {district.name}
                          </Link>
                        </th>
                        <td>{district.index.toFixed(1)}</td>
                        {dimensions.map((dimension) => (
                          <td key={dimension.id}>{district.dimensions[dimension.id]?.toFixed(1) ?? '–'}</td>
                        ))}
                        <td>{district.merchants}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <Link href="/shopping/method">{t('method')}</Link>
              </p>
            </>
          );
        }}
      </Show>
    </>
  );
}
