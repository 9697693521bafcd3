// "/" redirects to the user's first navigation item (router.tsx); this page is shown only
// to a user without any page to go to.
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('home.title'));
  return (
    <>
      <h1>{t('home.welcome', { name: me.user.displayName })}</h1>
      <Notice variant="info">{t('home.noAccess')}</Notice>
    </>
  );
}
