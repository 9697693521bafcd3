// Whole-page states: not found, no access, unexpected error. Each sets the page title and
// has an <h1>, so a screen-reader user knows where they are.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/index.ts';
import { usePageTitle } from './usePageTitle.ts';

export function NotFoundPage({ title, text }: { title?: string; text?: string }) {
  const { t } = useTranslation();
  const heading = title ?? t('common.pageNotFound');
  usePageTitle(heading);
  return (
    <>
      <h1>{heading}</h1>
      <p>{text ?? t('common.pageNotFoundText')}</p>
      <p>
        <Link to="/" className="function-link">
          {t('common.goHome')}
        </Link>
      </p>
    </>
  );
}

export function NoAccessPage() {
  const { t } = useTranslation();
  usePageTitle(t('common.noAccessTitle'));
  return (
    <>
      <h1>{t('common.noAccessTitle')}</h1>
      <p>{t('common.noAccessText')}</p>
      <p>
        <Link to="/" className="function-link">
          {t('common.goHome')}
        </Link>
      </p>
    </>
  );
}

export function ErrorPage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('common.unexpectedTitle'));
  return (
    <>
      <h1>{t('common.unexpectedTitle')}</h1>
      <div className="alert alert-error" role="alert">
        <div className="alert-body">
          <p className="alert-text">{errorText(error)}</p>
        </div>
      </div>
      {onRetry ? (
        <p>
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </p>
      ) : null}
    </>
  );
}
