import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../api.js';
import { Failure, useLang, usePageTitle } from '../app.js';

type Sent =
  | { state: 'editing' }
  | { state: 'sending' }
  | { state: 'done'; rating: number }
  | { state: 'failed'; error: unknown };

export default function Review() {
  const { t } = useLang();
  usePageTitle(t('reviewTitle'));
  const token = new URLSearchParams(location.hash.slice(1)).get('t') ?? '';
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState<Sent>({ state: 'editing' });
  const [missingRating, setMissingRating] = useState(false);
  if (!token) {
    return (
      <>
        <h1>{t('reviewTitle')}</h1>
        <p class="notice" role="alert">
          {t('reviewNoToken')}
        </p>
      </>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if (rating === 0) return setMissingRating(true);
    setSent({ state: 'sending' });
    try {
      const text = comment.trim();
      const saved = await postJson<{ rating: number }>('/care/reviews', {
        reviewToken: token,
        rating,
        ...(text ? { comment: text } : {}),
      });
      setSent({ state: 'done', rating: saved.rating });
    } catch (error) {
      setSent({ state: 'failed', error });
    }
  };
  const outcome = () => {
    if (sent.state === 'done') {
      return (
        <p class="notice ok" role="status" data-state="saved">
          {t('reviewThanks', { n: sent.rating })}
        </p>
      );
    }
    if (sent.state !== 'failed') return null;
    const status = sent.error instanceof ApiError ? sent.error.status : 0;
    if (status === 409) {
      return (
        <p class="notice warn" role="alert" data-state="used">
          {t('reviewUsed')}
        </p>
      );
    }
    if (status === 404 || status === 400) {
      return (
        <p class="notice bad" role="alert" data-state="unknown">
          {t('reviewUnknown')}
        </p>
      );
    }
    return <Failure error={sent.error} />;
  };
  const finished =
    sent.state === 'done' || (sent.state === 'failed' && sent.error instanceof ApiError && sent.error.status === 409);
  return (
    <>
      <h1>{t('reviewTitle')}</h1>
      {!finished && (
        <form class="card" onSubmit={submit}>
          <fieldset>
            <legend>{t('yourRating')}</legend>
            <div class="rating-choice">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n}>
                  <input
                    type="radio"
                    name="rating"
                    value={n}
                    checked={rating === n}
                    onChange={() => {
                      setRating(n);
                      setMissingRating(false);
                    }}
                  />
                  <span>{t('stars', { n })}</span>
                </label>
              ))}
            </div>
            {missingRating && (
              <p class="rule bad" role="alert">
                {t('chooseRating')}
              </p>
            )}
          </fieldset>
          <label for="comment">{t('comment')}</label>
          <textarea
            id="comment"
            rows={4}
            maxLength={500}
            value={comment}
            onInput={(event) => setComment((event.currentTarget as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="after-field" disabled={sent.state === 'sending'}>
            {t('submit')}
          </button>
        </form>
      )}
      {outcome()}
    </>
  );
}
