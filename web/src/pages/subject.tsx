import { parseUscc } from '../../../shared/uscc.js';
import { type CreditProfile, getJson, segment } from '../api.js';
import { Show, useLang, useLoad, usePageTitle } from '../app.js';
import { RecordList, UsccForm } from '../widgets.js';

export default function Subject(props: { uscc: string }) {
  const valid = parseUscc(props.uscc).ok;
  return (
    <>
      <section class="card">
        <UsccForm key={props.uscc} target={(uscc) => `/subjects/${uscc}`} initial={props.uscc} />
      </section>
      {valid && <Profile uscc={props.uscc} />}
    </>
  );
}

function Profile(props: { uscc: string }) {
  const { lang, t } = useLang();
  const loaded = useLoad(() => getJson<CreditProfile>(`/subjects/${segment(props.uscc)}/credit-profile`), props.uscc);
  usePageTitle(loaded.state === 'ok' && loaded.data.name ? loaded.data.name : t('subjectTitle'));
  return (
    <Show loaded={loaded} notFound="subjectNotFound">
      {(profile) => {
        const records = Object.values(profile.activeRecords).flat();
        return (
          <>
            <h1>
              <bdi>{profile.name ?? profile.uscc}</bdi>
            </h1>
            <p class="muted">
              {t('usccLabel')}: {profile.uscc} · {t('asOf')}:{' '}
              {new Date(profile.asOf).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
            </p>
            <p class="tags">
              {profile.flags.onDishonestyList && <span class="tag bad">{t('onDishonestyList')}</span>}
              {profile.underObjectionCount > 0 && <span class="tag warn">{t('underObjection')}</span>}
              {profile.repairedCount > 0 && <span class="tag">{t('repaired', { n: profile.repairedCount })}</span>}
            </p>
            <section class="card">
              <h2>{t('creditRecords')}</h2>
              <RecordList records={records} />
            </section>
            {profile.commendations.length > 0 && (
              <section class="card">
                <h2>{t('commendations')}</h2>
                <RecordList records={profile.commendations} />
              </section>
            )}
          </>
        );
      }}
    </Show>
  );
}
