import { useState } from 'preact/hooks';
import { parseUscc, type UsccRule } from '../../shared/uscc.js';
import type { AgencyFlags, CreditRecordView, RatingSummary } from './api.js';
import { navigate, useLang } from './app.js';
import type { TextKey } from './i18n.js';
import { vocabulary } from './i18n.js';

export function Rating(props: { rating: RatingSummary }) {
  const { t } = useLang();
  const { count, mean } = props.rating;
  if (count === 0 || mean === null) return <span class="muted">{t('noRatings')}</span>;
  return (
    <span>
      <span class="stars" aria-hidden="true">
        {'★'.repeat(Math.round(mean))}
        {'☆'.repeat(5 - Math.round(mean))}
      </span>{' '}
      {mean.toFixed(1)} / 5 · {t('ratings', { n: count })}
    </span>
  );
}

export function Flags(props: { flags: AgencyFlags }) {
  const { t } = useLang();
  const { seriousDishonesty, recentPenalty } = props.flags;
  if (!seriousDishonesty && !recentPenalty) return <span class="tag ok">{t('noFlags')}</span>;
  return (
    <span class="tags">
      {seriousDishonesty && <span class="tag bad">{t('seriousDishonesty')}</span>}
      {recentPenalty && <span class="tag warn">{t('recentPenalty')}</span>}
    </span>
  );
}

/** Green or red with a word, never colour alone. */
export function Validity(props: { label: string; valid: boolean }) {
  const { t } = useLang();
  return (
    <li class={`validity ${props.valid ? 'ok' : 'bad'}`}>
      <span class="mark" aria-hidden="true">
        {props.valid ? '✓' : '✗'}
      </span>
      <span>{props.label}</span>
      <strong>{t(props.valid ? 'valid' : 'invalid')}</strong>
    </li>
  );
}

export function RecordList(props: { records: CreditRecordView[] }) {
  const { lang, t } = useLang();
  if (props.records.length === 0) return <p class="muted">{t('noRecords')}</p>;
  return (
    <ul class="records">
      {props.records.map((record) => (
        <li key={record.recordId} class={record.severity === 'serious' ? 'serious' : ''}>
          <p>
            <strong>{vocabulary(lang, record.category)}</strong> · {vocabulary(lang, record.severity)}
            {record.underObjection && <span class="tag warn">{t('underObjection')}</span>}
          </p>
          {record.summary && <p>{record.summary}</p>}
          <p class="muted">
            {t('authority')}: {record.authority} · {record.decisionNumber}
          </p>
          <p class="muted">
            {t('decided')}: {record.decidedAt}
            {record.validTo && ` · ${t('validTo')}: ${record.validTo}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

const ruleTexts: Record<UsccRule, TextKey> = {
  type: 'ruleType',
  length: 'ruleLength',
  charset: 'ruleCharset',
  division: 'ruleDivision',
  'org-code-check': 'ruleOrgCheck',
  'check-digit': 'ruleCheckDigit',
};

/**
 * The USCC form: checked as the user types with the same rules the API applies, the failing
 * rule shown (in the page's language, with the rule's own detail); only a valid code navigates.
 */
export function UsccForm(props: { target: (uscc: string) => string; initial?: string }) {
  const { t } = useLang();
  const [value, setValue] = useState(props.initial ?? '');
  const result = parseUscc(value);
  const touched = value.trim().length > 0;
  const submit = (event: Event) => {
    event.preventDefault();
    if (result.ok) navigate(props.target(result.value));
  };
  return (
    <form class="uscc-form" onSubmit={submit} noValidate>
      <label for="uscc">{t('usccLabel')}</label>
      <div class="row">
        <input
          id="uscc"
          name="uscc"
          value={value}
          autocomplete="off"
          spellcheck={false}
          maxLength={40}
          placeholder={t('usccHint')}
          aria-describedby="uscc-rule"
          aria-invalid={touched && !result.ok}
          onInput={(event) => setValue((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" disabled={!result.ok}>
          {t('lookUp')}
        </button>
      </div>
      <p id="uscc-rule" class={`rule ${touched ? (result.ok ? 'ok' : 'bad') : ''}`} aria-live="polite">
        {touched &&
          (result.ok ? (
            t('usccOk')
          ) : (
            <>
              <strong data-rule={result.rule}>{t(ruleTexts[result.rule])}</strong>
              <span class="detail">{result.message}</span>
            </>
          ))}
      </p>
    </form>
  );
}
