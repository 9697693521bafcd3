// /admin/trivsel/runde/$roundId — one round for its administrator: what it covers and when,
// "Ret runde" (the same dialog as on the list), and its progress: finished / all children per
// institution and group (GET …/progress — counts only, no child is named).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { NotFoundPage } from '../../../components/PageStates.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { useLabels } from '../labels.ts';
import { AccordionItem } from '../widgets.tsx';
import { progressQuery, scaleOfVersion, scalesQuery, type Coverage, type Progress } from './api.ts';
import { RoundDialog, type RoundSaved } from './RoundDialog.tsx';
import { formatCount, formatShare, PhaseBadge, RoundPeriod } from './roundText.tsx';

type Institution = Progress['institutions'][number];
type GroupRow = Institution['groups'][number];

/** Someone has rated or marked a child: the round's institution types are then fixed. */
const anyRated = (c: Coverage) => c.rated + c.notAssessed + c.conflicts + c.awaitingJoint > 0;

export function RoundPage() {
  const { roundId } = useParams({ strict: false }) as { roundId: string };
  return <RoundDetail key={roundId} roundId={roundId} />;
}

function RoundDetail({ roundId }: { roundId: string }) {
  const { t, i18n } = useTranslation('admin');
  const labels = useLabels();
  const query = useQuery(progressQuery(roundId));
  const scales = useQuery(scalesQuery);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<RoundSaved | null>(null);
  usePageTitle(query.data?.round.name ?? t('screeningAdmin.round.title'));

  if (query.isPending) return <Loading text={t('screeningAdmin.round.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
      return <NotFoundPage title={t('screeningAdmin.round.notFoundTitle')} text={t('screeningAdmin.round.notFoundText')} />;
    }
    return (
      <>
        <BackLink />
        <h1>{t('screeningAdmin.round.title')}</h1>
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      </>
    );
  }
  const { round, total, institutions } = query.data;
  const scale = scales.data ? scaleOfVersion(scales.data.items, round.scaleVersionId) : undefined;
  const scaleText = scale ? t('screeningAdmin.rounds.scaleVersion', { name: scale.scale.name, number: scale.version.number }) : '';

  return (
    <>
      <BackLink />
      <h1>
        {round.name}{' '}
        <span className="tidlig-admin-h1-badges">
          <PhaseBadge phase={round.phase} />
        </span>
      </h1>
      <div aria-live="polite" aria-atomic="true">
        {saved ? <Notice variant="success">{t('screeningAdmin.rounds.savedNotice', { name: saved.name })}</Notice> : null}
      </div>
      <dl className="tidlig-facts mt-5">
        <dt>{t('screeningAdmin.rounds.window')}</dt>
        <dd>
          <RoundPeriod round={round} />
        </dd>
        <dt>{t('screeningAdmin.rounds.institutionTypes')}</dt>
        <dd>{round.institutionTypes.map(labels.institutionType).join(', ')}</dd>
        <dt>{t('screeningAdmin.rounds.scale')}</dt>
        <dd>{scaleText || (scales.isPending ? t('screeningAdmin.scales.loading') : '')}</dd>
        <dt>{t('screeningAdmin.rounds.joint')}</dt>
        <dd>{round.jointRatingRequired ? t('screeningAdmin.round.jointYes') : t('screeningAdmin.round.jointNo')}</dd>
      </dl>
      <div className="tidlig-admin-actions">
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)} disabled={!scales.data}>
          <Icon name="edit" />
          {t('screeningAdmin.round.edit')}
        </button>
      </div>

      <section className="tidlig-section" aria-labelledby="round-progress-heading">
        <h2 id="round-progress-heading">{t('screeningAdmin.progress.heading')}</h2>
        <p>{t('screeningAdmin.progress.intro')}</p>
        {round.phase === 'planned' ? <p>{t('screeningAdmin.progress.planned')}</p> : null}
        {round.phase === 'closed' ? <p>{t('screeningAdmin.progress.closed')}</p> : null}
        <p className="font-lead">{t('screeningAdmin.progress.total', { done: formatCount(total.done, i18n.language), total: formatCount(total.total, i18n.language), share: formatShare(total.ratio, i18n.language) })}</p>
        <TotalsTable coverage={total} />
        <InstitutionsProgress institutions={institutions} />
      </section>

      {editing && scales.data ? (
        <RoundDialog
          existing={round}
          typesLocked={anyRated(total)}
          scaleText={scaleText}
          scales={scales.data.items}
          onClose={() => setEditing(false)}
          onSaved={(s) => {
            setEditing(false);
            setSaved(s);
          }}
        />
      ) : null}
    </>
  );
}

function BackLink() {
  const { t } = useTranslation('admin');
  return (
    <p className="d-print-none">
      <Link to="/admin/trivsel" className="back-link">
        {t('screeningAdmin.round.backToList')}
      </Link>
    </p>
  );
}

function TotalsTable({ coverage }: { coverage: Coverage }) {
  const { t, i18n } = useTranslation('admin');
  const rows = [
    ['rated', coverage.rated],
    ['notAssessed', coverage.notAssessed],
    ['conflicts', coverage.conflicts],
    ['awaitingJoint', coverage.awaitingJoint],
    ['missing', coverage.missing],
  ] as const;
  return (
    <DataTable
      caption={t('screeningAdmin.progress.totalsCaption')}
      columns={[
        { key: 'what', header: t('screeningAdmin.progress.status'), rowHeader: true, cell: (r) => t(`screeningAdmin.progress.${r[0]}`) },
        { key: 'n', header: t('screeningAdmin.progress.children'), cell: (r) => formatCount(r[1], i18n.language), className: 'align-text-right' },
      ]}
      rows={rows}
      rowKey={(r) => r[0]}
      compact
    />
  );
}

function InstitutionsProgress({ institutions }: { institutions: Institution[] }) {
  const { t, i18n } = useTranslation('admin');
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const shown = useMemo(() => {
    const f = filter.trim().toLocaleLowerCase('da');
    return f ? institutions.filter((i) => i.name.toLocaleLowerCase('da').includes(f) || i.groups.some((g) => g.name.toLocaleLowerCase('da').includes(f))) : institutions;
  }, [institutions, filter]);
  const toggle = (id: string, on: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (institutions.length === 0) return <p className="mt-5">{t('screeningAdmin.progress.noInstitutions')}</p>;
  return (
    <>
      <h3 className="mt-7">{t('screeningAdmin.progress.perInstitution')}</h3>
      <TextField
        id="round-progress-filter"
        type="search"
        label={t('screeningAdmin.progress.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoComplete="off"
        width="l"
      />
      {filter.trim() ? (
        <p role="status" className="mt-3">
          {t('screeningAdmin.progress.filterShowing', { count: shown.length })}
        </p>
      ) : null}
      <ul className="accordion mt-5">
        {shown.map((i) => (
          <AccordionItem
            key={i.id}
            id={`progress-${i.id}`}
            headingLevel={4}
            expanded={open.has(i.id)}
            onToggle={(on) => toggle(i.id, on)}
            title={i.name}
            meta={t('screeningAdmin.progress.meta', { done: formatCount(i.coverage.done, i18n.language), total: formatCount(i.coverage.total, i18n.language), share: formatShare(i.coverage.ratio, i18n.language) })}
          >
            <GroupsTable institution={i} />
          </AccordionItem>
        ))}
      </ul>
    </>
  );
}

function GroupsTable({ institution }: { institution: Institution }) {
  const { t, i18n } = useTranslation('admin');
  const n = (pick: (c: Coverage) => number) => (g: GroupRow) => formatCount(pick(g.coverage), i18n.language);
  const columns: Column<GroupRow>[] = [
    { key: 'name', header: t('screeningAdmin.progress.group'), rowHeader: true, cell: (g) => g.name },
    { key: 'done', header: t('screeningAdmin.progress.doneOfTotal'), cell: (g) => t('screeningAdmin.progress.ofTotal', { done: formatCount(g.coverage.done, i18n.language), total: formatCount(g.coverage.total, i18n.language) }), className: 'align-text-right' },
    { key: 'share', header: t('screeningAdmin.progress.share'), cell: (g) => formatShare(g.coverage.ratio, i18n.language), className: 'align-text-right' },
    { key: 'rated', header: t('screeningAdmin.progress.rated'), cell: n((c) => c.rated), className: 'align-text-right' },
    { key: 'notAssessed', header: t('screeningAdmin.progress.notAssessed'), cell: n((c) => c.notAssessed), className: 'align-text-right' },
    { key: 'conflicts', header: t('screeningAdmin.progress.conflicts'), cell: n((c) => c.conflicts), className: 'align-text-right' },
    { key: 'awaitingJoint', header: t('screeningAdmin.progress.awaitingJoint'), cell: n((c) => c.awaitingJoint), className: 'align-text-right' },
    { key: 'missing', header: t('screeningAdmin.progress.missing'), cell: n((c) => c.missing), className: 'align-text-right' },
  ];
  return (
    <DataTable
      caption={t('screeningAdmin.progress.groupsCaption', { name: institution.name })}
      columns={columns}
      rows={institution.groups}
      rowKey={(g) => g.id}
      compact
      empty={t('screeningAdmin.progress.noGroups')}
    />
  );
}
