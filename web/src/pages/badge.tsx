import { ApiError, postJson, type WorkerLookup } from '../api.js';
import { Failure, Link, Loading, useLang, useLoad, usePageTitle } from '../app.js';
import { Rating, Validity } from '../widgets.js';

/** The code travels in the fragment (`#c=`), which browsers never send to a server or in a Referer. */
function codeFromFragment(): string {
  return new URLSearchParams(location.hash.slice(1)).get('c') ?? '';
}

export default function Badge(props: { badgeNo: string }) {
  const { lang, t } = useLang();
  usePageTitle(t('badgeTitle'));
  const code = codeFromFragment();
  const loaded = useLoad(
    () =>
      code
        ? postJson<WorkerLookup>('/care/worker-lookups', { badgeNo: props.badgeNo, code, source: 'badge-qr' })
        : new Promise<never>(() => {}),
    `${props.badgeNo}#${code}`,
  );
  const body = () => {
    if (!code) {
      return (
        <p class="notice" role="alert">
          {t('badgeNoCode')}
        </p>
      );
    }
    if (loaded.state === 'loading') return <Loading />;
    if (loaded.state === 'error') {
      // A malformed badge number or code (400) and an unknown one (404) look the same to a resident.
      const unknown = loaded.error instanceof ApiError && [400, 404].includes(loaded.error.status);
      return unknown ? (
        <p class="notice bad" role="alert" data-state="not-found">
          {t('badgeNotFound')}
        </p>
      ) : (
        <Failure error={loaded.error} retry={loaded.retry} />
      );
    }
    const worker = loaded.data;
    const allValid = worker.certificationsValid && worker.healthCheckValid && worker.insuranceValid;
    return (
      <article class={`card worker ${allValid ? 'ok' : 'bad'}`} data-state={allValid ? 'valid' : 'invalid'}>
        <h2>
          <bdi>{worker.maskedName}</bdi>
        </h2>
        <dl>
          <dt>{t('badgeNo')}</dt>
          <dd>{worker.badgeNo}</dd>
          <dt>{t('role')}</dt>
          <dd>{worker.role}</dd>
          <dt>{t('agency')}</dt>
          <dd>
            <Link href={`/care/agencies/${worker.agency.uscc}`}>
              <bdi>{worker.agency.name}</bdi>
            </Link>
            {worker.agency.seriousDishonesty && <span class="tag bad">{t('seriousDishonesty')}</span>}
          </dd>
          <dt>{t('rating')}</dt>
          <dd>
            <Rating rating={worker.rating} />
          </dd>
        </dl>
        <ul class="validities">
          <Validity label={t('certifications')} valid={worker.certificationsValid} />
          <Validity label={t('healthCheck')} valid={worker.healthCheckValid} />
          <Validity label={t('insurance')} valid={worker.insuranceValid} />
        </ul>
        <p class="muted">
          {t('asOf')}: {new Date(worker.asOf).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
        </p>
      </article>
    );
  };
  return (
    <>
      <h1>{t('badgeTitle')}</h1>
      {body()}
    </>
  );
}
