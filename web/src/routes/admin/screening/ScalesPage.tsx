// /admin/trivsel/skalaer — the municipality's scales (S2): each with its newest version's
// positions (colour AND label, meaning, concern or not) and its earlier versions. A scale is
// created from a template or with own positions; a change is a new version, and rounds and
// ratings on an earlier version keep its positions and their meaning.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { takeFlash } from '../flash.ts';
import { AccordionItem, Badge } from '../widgets.tsx';
import { latestVersion, scalesQuery, type Position, type Scale, type ScaleVersion } from './api.ts';
import { ScreeningAdminNav } from './ScreeningAdminNav.tsx';
import { PositionName } from './Swatch.tsx';

export const SCALES_FLASH = 'screening-scales';

export function ScalesPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('screeningAdmin.scales.title'));
  const query = useQuery(scalesQuery);
  const [notice] = useState(() => takeFlash(SCALES_FLASH));
  const scales = query.data?.items;

  return (
    <>
      <h1>{t('screeningAdmin.scales.title')}</h1>
      <ScreeningAdminNav />
      <p className="font-lead">{t('screeningAdmin.scales.intro')}</p>
      <p>{t('screeningAdmin.scales.versionsExplained')}</p>
      <div className="tidlig-admin-actions">
        <Link to="/admin/trivsel/skalaer/ny" className="button button-primary">
          <Icon name="plus" />
          {t('screeningAdmin.scales.create')}
        </Link>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {notice ? (
          <Notice variant="success" className="mt-5">
            {notice}
          </Notice>
        ) : null}
      </div>
      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {query.isPending ? <Loading text={t('screeningAdmin.scales.loading')} /> : null}
      {scales && scales.length === 0 ? (
        <div className="tidlig-empty mt-5">
          <p>{t('screeningAdmin.scales.empty')}</p>
        </div>
      ) : null}
      {scales?.map((scale) => <ScaleSection key={scale.id} scale={scale} />)}
    </>
  );
}

function ScaleSection({ scale }: { scale: Scale }) {
  const { t } = useTranslation('admin');
  const [showOlder, setShowOlder] = useState(false);
  const latest = latestVersion(scale);
  const older = scale.versions.slice(0, -1).reverse();
  const headingId = `scale-${scale.id}-heading`;
  return (
    <section className="tidlig-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {scale.name}{' '}
        {scale.template ? (
          <span className="tidlig-admin-h1-badges">
            <Badge variant="info">{t('screeningAdmin.scales.fromTemplate', { template: t(`screeningAdmin.templates.${scale.template}`) })}</Badge>
          </span>
        ) : null}
      </h2>
      {latest ? (
        <>
          <p>
            {t('screeningAdmin.scales.latest', { number: latest.number, count: latest.positions.length })}
            {older.length ? ` ${t('screeningAdmin.scales.olderCount', { count: older.length })}` : ''}
          </p>
          <PositionsTable caption={t('screeningAdmin.scales.caption', { name: scale.name, number: latest.number })} positions={latest.positions} />
        </>
      ) : null}
      <div className="tidlig-admin-actions">
        <Link to="/admin/trivsel/skalaer/$scaleId/ny-version" params={{ scaleId: scale.id }} className="button button-secondary">
          <Icon name="edit" />
          {t('screeningAdmin.scales.newVersion')}
          <span className="sr-only"> {t('screeningAdmin.scales.ofScale', { name: scale.name })}</span>
        </Link>
      </div>
      {older.length ? (
        <ul className="accordion mt-5">
          <AccordionItem
            id={`scale-${scale.id}-older`}
            headingLevel={3}
            expanded={showOlder}
            onToggle={setShowOlder}
            title={t('screeningAdmin.scales.olderHeading', { name: scale.name })}
            meta={t('screeningAdmin.scales.olderMeta', { count: older.length })}
          >
            <p>{t('screeningAdmin.scales.olderIntro')}</p>
            {older.map((v: ScaleVersion) => (
              <PositionsTable key={v.id} caption={t('screeningAdmin.scales.caption', { name: scale.name, number: v.number })} positions={v.positions} />
            ))}
          </AccordionItem>
        </ul>
      ) : null}
    </section>
  );
}

export function PositionsTable({ caption, positions }: { caption: string; positions: readonly Pick<Position, 'ordinal' | 'label' | 'colour' | 'meaning' | 'isConcern'>[] }) {
  const { t } = useTranslation('admin');
  const columns: Column<(typeof positions)[number]>[] = [
    { key: 'ordinal', header: t('screeningAdmin.scales.ordinal'), cell: (p) => p.ordinal, className: 'align-text-right' },
    { key: 'label', header: t('screeningAdmin.scales.position'), rowHeader: true, cell: (p) => <PositionName label={p.label} colour={p.colour} /> },
    { key: 'meaning', header: t('screeningAdmin.scales.meaning'), cell: (p) => p.meaning || <span className="tidlig-admin-muted">{t('screeningAdmin.scales.noMeaning')}</span> },
    { key: 'concern', header: t('screeningAdmin.scales.concern'), cell: (p) => (p.isConcern ? t('screeningAdmin.scales.concernYes') : t('screeningAdmin.scales.concernNo')) },
  ];
  return <DataTable caption={caption} columns={columns} rows={positions} rowKey={(p) => String(p.ordinal)} compact />;
}
