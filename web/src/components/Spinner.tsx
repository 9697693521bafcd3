// DKFDS spinner with a status text (announced politely).
//   <Loading />  or  <Loading text="Henter børn …" />
import { useTranslation } from 'react-i18next';

export function Loading({ text, className }: { text?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`align-text-center my-6${className ? ` ${className}` : ''}`}>
      <div className="spinner" aria-hidden="true"></div>
      <div className="spinner-status" role="status">
        {text ?? t('common.loading')}
      </div>
    </div>
  );
}
