import { getJson, type Method as MethodView } from '../api.js';
import { Show, useLang, useLoad, usePageTitle } from '../app.js';
import { bilingualLabel } from '../i18n.js';

export default function Method() {
  const { lang, t } = useLang();
  usePageTitle(t('methodTitle'));
  const loaded = useLoad(() => getJson<MethodView>('/shopping/method'), 'current');
  return (
    <>
      <h1>{t('methodTitle')}</h1>
      <Show loaded={loaded}>
        {(method) => (
          <>
            <p class="muted">
              {method.title} · {t('version')} {method.version}
              {method.publishedAt && ` · ${t('published')} ${method.publishedAt}`}
            </p>
            {method.dimensions.map((dimension) => (
              <section key={dimension.id} class="card">
                <h2>
                  {bilingualLabel(lang, dimension.label)} · {t('weight')} {dimension.weight}%
                </h2>
                {dimension.description && <p>{dimension.description}</p>}
                <ul>
                  {method.indicators
                    .filter((indicator) => indicator.dimension === dimension.id)
                    .map((indicator) => (
                      <li key={indicator.id}>
                        {bilingualLabel(lang, indicator.label)} ({Math.round(indicator.share * 100)}%)
                      </li>
                    ))}
                </ul>
              </section>
            ))}
            {method.recordsCount && (
              <section class="card">
                <h2>{t('recordsCount')}</h2>
                <p>{method.recordsCount}</p>
              </section>
            )}
          </>
        )}
      </Show>
    </>
  );
}
