// /borger — the children the parent holds custody of, each a large link to the child's page.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePortalMe } from '../../api/portal.ts';
import { formatDay } from '../../components/format.ts';
import { Loading } from '../../components/Spinner.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { ageInYears } from './labels.ts';

export function ChildrenPage() {
  const { t } = useTranslation('portal');
  usePageTitle(t('children.title'));
  const me = usePortalMe().data;
  if (!me) return <Loading />;
  const first = me.citizen.name.split(' ')[0];
  return (
    <>
      <h1>{t('children.title')}</h1>
      <p className="font-lead">{t('children.hello', { name: first })}</p>
      <p>{t('children.intro')}</p>
      {me.children.length === 0 ? (
        <p>{t('children.none')}</p>
      ) : (
        <ul className="unstyled-list tidlig-portal-cards" aria-label={t('children.listLabel')}>
          {me.children.map((c) => (
            <li key={c.id} className="tidlig-portal-card">
              <h2 className="h3 mt-0 mb-2">
                <Link to="/borger/barn/$childId" params={{ childId: c.id }} className="tidlig-portal-card-link">
                  {c.firstName} {c.lastName}
                </Link>
              </h2>
              <p className="m-0">{t('children.born', { date: formatDay(c.birthDate), count: ageInYears(c.birthDate) })}</p>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8">{t('children.helpHeading')}</h2>
      <p>{t('children.help')}</p>
    </>
  );
}
