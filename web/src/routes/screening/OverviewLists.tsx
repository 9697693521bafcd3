// The institution leader's two lists: children who moved to a worse position, and children at
// a concern position in two rounds in a row — each with where the child was rated last time,
// a marked transition when that was another institution, and a link to the child's page.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { OverviewPosition } from './OverviewParts.tsx';
import type { InstitutionOverview, ListedChild } from './OverviewTypes.ts';

function ChildList({ id, heading, intro, items }: { id: string; heading: string; intro: string; items: readonly ListedChild[] }) {
  const { t } = useTranslation();
  const columns: Column<ListedChild>[] = [
    {
      key: 'child',
      header: t('screening.overview.lists.child'),
      rowHeader: true,
      cell: (c) => (
        <Link to="/boern/$childId" params={{ childId: c.id }}>
          {c.firstName} {c.lastName}
        </Link>
      ),
    },
    { key: 'group', header: t('screening.overview.lists.group'), cell: (c) => c.groupName },
    {
      key: 'previous',
      header: t('screening.overview.lists.previous'),
      cell: (c) => (
        <>
          <OverviewPosition position={c.previous.position} />
          <span className="tidlig-overview-place">{t('screening.overview.lists.place', { round: c.previous.roundName, institution: c.previous.institutionName, group: c.previous.groupName })}</span>
          {c.transition ? <strong className="tidlig-overview-transition">{t('screening.overview.lists.transition')}</strong> : null}
        </>
      ),
    },
    { key: 'now', header: t('screening.overview.lists.now'), cell: (c) => <OverviewPosition position={c.now.position} /> },
  ];
  return (
    <section className="mt-7" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('screening.overview.lists.count', { heading, count: items.length })}</h3>
      <p>{intro}</p>
      <DataTable id={id} caption={heading} captionHidden columns={columns} rows={items} rowKey={(c) => c.id} empty={t('screening.overview.lists.none')} />
    </section>
  );
}

export function OverviewLists({ institutionName, lists }: { institutionName: string; lists: NonNullable<InstitutionOverview['lists']> }) {
  const { t } = useTranslation();
  return (
    <section className="tidlig-section" aria-labelledby="overview-lists-heading">
      <h2 id="overview-lists-heading">{t('screening.overview.lists.heading', { institution: institutionName })}</h2>
      <p>{t('screening.overview.lists.intro')}</p>
      <ChildList id="overview-worse" heading={t('screening.overview.lists.worse')} intro={t('screening.overview.lists.worseIntro')} items={lists.worse} />
      <ChildList id="overview-twice" heading={t('screening.overview.lists.concernTwice')} intro={t('screening.overview.lists.concernTwiceIntro')} items={lists.concernTwice} />
    </section>
  );
}
