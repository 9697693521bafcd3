// /admin/guide/handleguide — each scale's positions (its newest version) with the handleguide
// written for each, and a link to write or change it. A guide belongs to the scale and the
// position's number, so a new version of the scale keeps its guides.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { overviewQuery, type HandleguideOverview } from '../api.ts';
import { GuideAdminTabs } from './GuideAdminTabs.tsx';
import { Swatch } from '../../../components/Swatch.tsx';

type Row = HandleguideOverview['scales'][number]['positions'][number];

export function HandleguideAdminPage() {
  const { t } = useTranslation('guide');
  usePageTitle(t('handleguide.title'));
  const query = useQuery(overviewQuery);

  const columns = (scaleId: string): Column<Row>[] => [
    {
      key: 'position',
      header: t('handleguide.position'),
      rowHeader: true,
      cell: (r) => (
        <>
          <Swatch colour={r.position.colour} />
          {r.position.label}
          {r.position.meaning ? <span className="tidlig-guide-meta"> ({r.position.meaning})</span> : null}
        </>
      ),
    },
    { key: 'guide', header: t('handleguide.guide'), cell: (r) => r.guide?.title ?? <span className="tidlig-guide-meta">{t('handleguide.none')}</span> },
    { key: 'edited', header: t('admin.editedAt'), className: 'tidlig-nowrap', cell: (r) => (r.guide ? `${t('admin.versionLink', { number: r.guide.number })}, ${formatDateTime(r.guide.editedAt)}` : '') },
    {
      key: 'action',
      header: t('handleguide.action'),
      cell: (r) => (
        <Link to="/admin/guide/handleguide/$scaleId/$ordinal" params={{ scaleId, ordinal: String(r.position.ordinal) }}>
          {r.guide ? t('handleguide.edit') : t('handleguide.write')}
          <span className="sr-only"> {t('handleguide.forPosition', { position: r.position.label })}</span>
        </Link>
      ),
    },
  ];

  return (
    <>
      <h1>{t('handleguide.title')}</h1>
      <p className="font-lead">{t('handleguide.intro')}</p>
      <GuideAdminTabs current="handleguide" />
      {query.isPending ? <Loading /> : null}
      {query.isError ? <Notice variant="error">{errorText(query.error)}</Notice> : null}
      {query.data && query.data.scales.length === 0 ? <Notice variant="info">{t('handleguide.noScales')}</Notice> : null}
      {query.data?.scales.map((scale) => (
        <section key={scale.id} aria-labelledby={`scale-${scale.id}`} className="mt-7">
          <h2 id={`scale-${scale.id}`}>{t('handleguide.scale', { name: scale.name, number: scale.versionNumber })}</h2>
          <DataTable caption={t('handleguide.caption', { name: scale.name })} captionHidden columns={columns(scale.id)} rows={scale.positions} rowKey={(r) => r.position.id} />
        </section>
      ))}
    </>
  );
}
