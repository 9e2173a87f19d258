import { getJson, type MerchantScore, segment } from '../api.js';
import { Show, useLang, useLoad, usePageTitle } from '../app.js';
import { LineChart } from '../charts.js';

export default function Merchant(props: { uscc: string }) {
  const { t } = useLang();
  const loaded = useLoad(
    () => getJson<{ items: MerchantScore[] }>(`/shopping/merchants/${segment(props.uscc)}`),
    props.uscc,
  );
  const latest = loaded.state === 'ok' ? loaded.data.items[0] : undefined;
  usePageTitle(latest?.name ?? t('merchants'));
  return (
    <Show loaded={loaded} notFound="merchantNotFound">
      {({ items }) => {
        if (items.length === 0) return <p class="notice">{t('merchantNotFound')}</p>;
        const oldestFirst = [...items].reverse();
        return (
          <>
            <h1>
              <bdi>{items[0]!.name}</bdi>
            </h1>
            <p class="muted">
              {props.uscc} · {items[0]!.category}
            </p>
            <h2>{t('merchantHistory')}</h2>
            <LineChart
              title={t('merchantHistory')}
              points={oldestFirst.map((score) => ({ label: score.period, value: score.index }))}
            />
            {items.map((score) => (
              <section key={`${score.period}/${score.districtId}`} class="card">
                <h2>
                  {score.period}: <span class="score">{score.index.toFixed(1)}</span>
                </h2>
                <p class="muted">
                  {t('version')} {score.methodVersion}
                </p>
                {score.reasons.length > 0 && (
                  <>
                    <h3>{t('reasons')}</h3>
                    <ul class="reasons">
                      {score.reasons.map((reason) => (
                        <li key={reason.text} class={reason.effect < 0 ? 'minus' : 'plus'}>
                          {reason.text}
                          {reason.disputed && <span class="tag warn">{t('underObjection')}</span>}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {score.reply && (
                  <blockquote class="reply">
                    <p>
                      <strong>{t('reply')}</strong> ({score.reply.repliedAt.slice(0, 10)})
                    </p>
                    <p>{score.reply.text}</p>
                  </blockquote>
                )}
              </section>
            ))}
          </>
        );
      }}
    </Show>
  );
}
