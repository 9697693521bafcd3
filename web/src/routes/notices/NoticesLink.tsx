// "Beskeder (2)" in the header: a link to the list, with the unread count in its accessible name.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { useNotices, useNoticesOnNavigation } from './api.ts';

export function NoticesLink({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  useNoticesOnNavigation();
  const unread = useNotices().data?.unread ?? 0;
  return (
    <Link to="/beskeder" className="function-link tidlig-notices-link d-print-none mr-5" aria-label={t('notices.linkLabel', { count: unread })} onClick={onNavigate}>
      <Icon name="notifications" />
      {t('notices.title')}
      {unread > 0 ? (
        <span className="tidlig-notices-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}
