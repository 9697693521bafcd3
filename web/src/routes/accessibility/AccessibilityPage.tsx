// /tilgaengelighed — the accessibility statement required by the Danish web accessibility
// act (lov nr. 692 af 08/06/2018, § 4), structured like the EU model statement (2018/1523):
// status, non-accessible content, preparation, feedback/contact, enforcement procedure.
// Public: reachable from the footer on every page, logged in or not.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../api/session.ts';
import { formatDay } from '../../components/format.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';

/** The day the statement was last reviewed (update with each review, at least yearly). */
export const STATEMENT_REVIEWED = '2026-01-15';

export function AccessibilityPage() {
  const { t } = useTranslation();
  usePageTitle(t('accessibility.title'));
  const me = useQuery({ ...meQuery, retry: false }).data;
  const name = me?.municipality.name;
  return (
    <div className="row tidlig-statement">
      <div className="col-12 col-lg-9">
        <h1>{t('accessibility.title')}</h1>
        <p className="font-lead">
          {t('accessibility.intro', { owner: name ? t('accessibility.ownerWithName', { name }) : t('accessibility.ownerDefault') })}
        </p>

        <h2>{t('accessibility.statusHeading')}</h2>
        <p>{t('accessibility.status')}</p>

        <h2>{t('accessibility.knownIssuesHeading')}</h2>
        <p>{t('accessibility.knownIssues')}</p>

        <h2>{t('accessibility.howHeading')}</h2>
        <ul>
          <li>{t('accessibility.how1')}</li>
          <li>{t('accessibility.how2')}</li>
          <li>{t('accessibility.how3')}</li>
          <li>{t('accessibility.how4')}</li>
          <li>{t('accessibility.how5')}</li>
        </ul>

        <h2>{t('accessibility.preparedHeading')}</h2>
        <p>{t('accessibility.prepared', { date: formatDay(STATEMENT_REVIEWED) })}</p>
        <p>{t('accessibility.publish')}</p>

        <h2>{t('accessibility.contactHeading')}</h2>
        <p>{t('accessibility.contact', { contact: name ? t('accessibility.contactWithName', { name }) : t('accessibility.contactDefault') })}</p>

        <h2>{t('accessibility.complaintHeading')}</h2>
        <p>{t('accessibility.complaint1')}</p>
        <p>{t('accessibility.complaint2')}</p>
        <p>
          <strong className="tidlig-nowrap-wrap">{t('accessibility.complaintUrl')}</strong>
        </p>
      </div>
    </div>
  );
}
