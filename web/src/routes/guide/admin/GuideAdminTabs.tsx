// The two halves of guide editing: the samarbejdsguide's entries and the handleguide.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function GuideAdminTabs({ current }: { current: 'entries' | 'handleguide' }) {
  const { t } = useTranslation('guide');
  return (
    <nav aria-label={t('admin.tabsLabel')}>
      <ul className="tidlig-guide-tabs">
        <li>
          <Link to="/admin/guide" aria-current={current === 'entries' ? 'page' : undefined}>
            {t('admin.entriesTab')}
          </Link>
        </li>
        <li>
          <Link to="/admin/guide/handleguide" aria-current={current === 'handleguide' ? 'page' : undefined}>
            {t('admin.handleguideTab')}
          </Link>
        </li>
        <li>
          <Link to="/guide">{t('admin.publicLink')}</Link>
        </li>
      </ul>
    </nav>
  );
}
