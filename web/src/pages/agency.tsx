import { type Agency as AgencyView, getJson, segment } from '../api.js';
import { Show, useLang, useLoad, usePageTitle } from '../app.js';
import { vocabulary } from '../i18n.js';
import { Flags, Rating, RecordList } from '../widgets.js';

export default function Agency(props: { uscc: string }) {
  const { lang, t } = useLang();
  const loaded = useLoad(() => getJson<AgencyView>(`/care/agencies/${segment(props.uscc)}`), props.uscc);
  usePageTitle(loaded.state === 'ok' ? loaded.data.name : t('agencies'));
  return (
    <Show loaded={loaded} notFound="agencyNotFound">
      {(agency) => (
        <>
          <h1>
            <bdi>{agency.name}</bdi>
          </h1>
          <section class="card">
            <p class="muted">
              {vocabulary(lang, agency.kind)} · {agency.district} · {agency.uscc}
            </p>
            <Flags flags={agency.flags} />
            <dl>
              <dt>{t('address')}</dt>
              <dd>{agency.address}</dd>
              {agency.starRating !== undefined && (
                <>
                  <dt>{t('starRating')}</dt>
                  <dd>{agency.starRating}</dd>
                </>
              )}
              <dt>{t('services')}</dt>
              <dd>{agency.services.join('、')}</dd>
              <dt>{t('licences')}</dt>
              <dd>
                {agency.licences.map((licence) => (
                  <span key={licence.number} class="licence">
                    {licence.name} ({licence.number}
                    {licence.validTo && `, ${t('validTo')} ${licence.validTo}`})
                  </span>
                ))}
              </dd>
            </dl>
          </section>
          <section class="card">
            <h2>{t('rating')}</h2>
            <p>
              <Rating rating={agency.rating} />
            </p>
            {agency.rating.count > 0 && (
              <ol class="distribution" reversed>
                {(['5', '4', '3', '2', '1'] as const).map((stars) => (
                  <li key={stars}>
                    {t('stars', { n: stars })}: {agency.rating.distribution[stars]}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="card">
            <h2>{t('creditRecords')}</h2>
            <RecordList records={agency.creditRecords} />
          </section>
        </>
      )}
    </Show>
  );
}
