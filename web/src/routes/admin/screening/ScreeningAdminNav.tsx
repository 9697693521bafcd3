// Between the two set-up pages of Trivselsvurdering: rounds (the main menu's item) and scales.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function ScreeningAdminNav() {
  const { t } = useTranslation('admin');
  return (
    <nav aria-label={t('screeningAdmin.subnav')} className="tidlig-admin-subnav">
      <ul className="inline-list">
        <li>
          <Link to="/admin/trivsel" activeOptions={{ exact: true }}>
            {t('screeningAdmin.rounds.title')}
          </Link>
        </li>
        <li>
          <Link to="/admin/trivsel/skalaer" activeOptions={{ exact: true }}>
            {t('screeningAdmin.scales.title')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
