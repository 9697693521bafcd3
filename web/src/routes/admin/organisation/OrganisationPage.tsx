// /admin/organisation — the municipality's organisation (S1): districts → institutions →
// groups/classes with the number of children enrolled today, and the teams with their
// number of members. Administrators create units and rename or archive them (If-Match).
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { TextField } from '../../../components/FormField.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Loading } from '../../../components/Spinner.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { errorText } from '../../../i18n/index.ts';
import { allInstitutions, orgTreeQuery, type District, type Group, type Institution, type OrgTree, type Team } from '../api.ts';
import { useLabels } from '../labels.ts';
import { AccordionItem, Badge, RowButton } from '../widgets.tsx';
import { OrgDialog, type OrgDialogState, type OrgSaved } from './OrgDialogs.tsx';

const UNASSIGNED = 'unassigned';

/** The tree narrowed to what matches the filter (a district matching keeps all its institutions). */
function filterTree(tree: OrgTree, filter: string): { districts: District[]; unassigned: Institution[] } {
  const f = filter.trim().toLocaleLowerCase('da');
  if (!f) return { districts: tree.districts, unassigned: tree.unassigned };
  const hit = (s: string) => s.toLocaleLowerCase('da').includes(f);
  const inst = (i: Institution): Institution | null => {
    if (hit(i.name)) return i;
    const groups = i.groups.filter((g) => hit(g.name));
    return groups.length ? { ...i, groups } : null;
  };
  const districts = tree.districts
    .map((d) => (hit(d.name) ? d : { ...d, institutions: d.institutions.map(inst).filter((i): i is Institution => i !== null) }))
    .filter((d) => hit(d.name) || d.institutions.length > 0);
  return { districts, unassigned: tree.unassigned.map(inst).filter((i): i is Institution => i !== null) };
}

function sum(items: { childCount: number }[]): number {
  return items.reduce((n, i) => n + i.childCount, 0);
}

export function OrganisationPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('org.title'));
  const query = useQuery(orgTreeQuery);
  const [dialog, setDialog] = useState<OrgDialogState | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [filter, setFilter] = useState('');
  const [saved, setSaved] = useState<OrgSaved | null>(null);

  const toggle = (id: string, open: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  const onSaved = (s: OrgSaved) => {
    setDialog(null);
    setSaved(s);
    if (s.created) setExpanded((prev) => new Set([...prev, ...s.parentIds, s.id]));
  };

  const tree = query.data;
  return (
    <>
      <h1>{t('org.title')}</h1>
      <p className="font-lead">{t('org.intro')}</p>

      <div className="tidlig-admin-actions" role="group" aria-label={t('org.createActions')}>
        <button type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'district' })} disabled={!tree}>
          <Icon name="plus" />
          {t('org.create.district')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'institution' })} disabled={!tree}>
          <Icon name="plus" />
          {t('org.create.institution')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'group' })} disabled={!tree}>
          <Icon name="plus" />
          {t('org.create.group')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'team' })} disabled={!tree}>
          <Icon name="plus" />
          {t('org.create.team')}
        </button>
      </div>

      <div aria-live="polite" aria-atomic="true">
        {saved ? (
          <Notice variant="success" className="mt-5">
            {t(saved.created ? `org.createdNotice.${saved.kind}` : `org.savedNotice.${saved.kind}`, { name: saved.name })}
          </Notice>
        ) : null}
      </div>

      {query.isError ? (
        <Notice variant="error" live="assertive">
          {errorText(query.error)}
        </Notice>
      ) : null}
      {query.isPending ? <Loading text={t('org.loading')} /> : null}
      {tree ? (
        <>
          <OrgSummary tree={tree} />
          <TreeSection tree={tree} filter={filter} setFilter={setFilter} expanded={expanded} toggle={toggle} openDialog={setDialog} />
          <TeamsSection tree={tree} openDialog={setDialog} />
          {dialog ? <OrgDialog key={`${dialog.kind}-${dialog.existing?.id ?? 'new'}`} state={dialog} tree={tree} onClose={() => setDialog(null)} onSaved={onSaved} /> : null}
        </>
      ) : null}
    </>
  );
}

function OrgSummary({ tree }: { tree: OrgTree }) {
  const { t } = useTranslation('admin');
  const institutions = allInstitutions(tree);
  const groups = institutions.reduce((n, i) => n + i.groups.length, 0);
  return (
    <p className="mt-5">
      {t('org.summary', {
        districts: t('org.n.districts', { count: tree.districts.length }),
        institutions: t('org.n.institutions', { count: institutions.length }),
        groups: t('org.n.groupsAndClasses', { count: groups }),
        teams: t('org.n.teams', { count: tree.teams.length }),
        children: t('org.n.children', { count: sum(institutions) }),
      })}
    </p>
  );
}

interface TreeProps {
  tree: OrgTree;
  filter: string;
  setFilter: (v: string) => void;
  expanded: Set<string>;
  toggle: (id: string, open: boolean) => void;
  openDialog: (d: OrgDialogState) => void;
}

function TreeSection({ tree, filter, setFilter, expanded, toggle, openDialog }: TreeProps) {
  const { t } = useTranslation('admin');
  const shown = useMemo(() => filterTree(tree, filter), [tree, filter]);
  const filtering = filter.trim().length > 0;
  const isOpen = (id: string) => filtering || expanded.has(id);
  const nothing = shown.districts.length === 0 && shown.unassigned.length === 0;
  return (
    <section className="tidlig-section" aria-labelledby="org-tree-heading">
      <h2 id="org-tree-heading">{t('org.treeHeading')}</h2>
      <p>{t('org.treeIntro')}</p>
      <TextField
        id="org-filter"
        type="search"
        label={t('org.filter')}
        hint={t('org.filterHint')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoComplete="off"
        width="l"
      />
      {filtering ? (
        <p role="status" className="mt-3">
          {nothing ? t('org.filterNone') : t('org.filterShowing')}
        </p>
      ) : null}
      {tree.districts.length === 0 && tree.unassigned.length === 0 ? <p className="mt-5">{t('org.empty')}</p> : null}
      <ul className="accordion mt-5 tidlig-admin-tree">
        {shown.districts.map((d) => (
          <AccordionItem
            key={d.id}
            id={`org-${d.id}`}
            headingLevel={3}
            expanded={isOpen(d.id)}
            onToggle={(o) => toggle(d.id, o)}
            title={d.name}
            meta={
              <>
                {t('org.n.institutions', { count: d.institutions.length })} · {t('org.n.children', { count: sum(d.institutions) })}
                {d.archived ? <Badge>{t('org.archivedBadge')}</Badge> : null}
              </>
            }
          >
            <div className="tidlig-admin-actions">
              <RowButton label={t('org.editDistrict')} target={d.name} icon="edit" onClick={() => openDialog({ kind: 'district', existing: d })} />
              <RowButton label={t('org.addInstitutionHere')} target={d.name} icon="plus" onClick={() => openDialog({ kind: 'institution', districtId: d.id })} />
            </div>
            <InstitutionList institutions={d.institutions} isOpen={isOpen} toggle={toggle} openDialog={openDialog} />
          </AccordionItem>
        ))}
        {shown.unassigned.length ? (
          <AccordionItem
            id="org-unassigned"
            headingLevel={3}
            expanded={isOpen(UNASSIGNED)}
            onToggle={(o) => toggle(UNASSIGNED, o)}
            title={t('org.noDistrict')}
            meta={`${t('org.n.institutions', { count: shown.unassigned.length })} · ${t('org.n.children', { count: sum(shown.unassigned) })}`}
          >
            <p>{t('org.noDistrictIntro')}</p>
            <InstitutionList institutions={shown.unassigned} isOpen={isOpen} toggle={toggle} openDialog={openDialog} />
          </AccordionItem>
        ) : null}
      </ul>
    </section>
  );
}

function InstitutionList({
  institutions,
  isOpen,
  toggle,
  openDialog,
}: {
  institutions: Institution[];
  isOpen: (id: string) => boolean;
  toggle: (id: string, open: boolean) => void;
  openDialog: (d: OrgDialogState) => void;
}) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  if (!institutions.length) return <p>{t('org.noInstitutions')}</p>;
  return (
    <ul className="accordion tidlig-admin-subtree">
      {institutions.map((i) => (
        <AccordionItem
          key={i.id}
          id={`org-${i.id}`}
          headingLevel={4}
          expanded={isOpen(i.id)}
          onToggle={(o) => toggle(i.id, o)}
          title={i.name}
          meta={
            <>
              {labels.institutionType(i.type)} · {t('org.n.children', { count: i.childCount })} · {t('org.n.groups', { count: i.groups.length })}
              {i.archived ? <Badge>{t('org.archivedBadge')}</Badge> : null}
            </>
          }
        >
          <div className="tidlig-admin-actions">
            <RowButton label={t('org.editInstitution')} target={i.name} icon="edit" onClick={() => openDialog({ kind: 'institution', existing: i })} />
            <RowButton label={t('org.addGroupHere')} target={i.name} icon="plus" onClick={() => openDialog({ kind: 'group', institutionId: i.id })} />
          </div>
          <GroupTable institution={i} openDialog={openDialog} />
        </AccordionItem>
      ))}
    </ul>
  );
}

function GroupTable({ institution, openDialog }: { institution: Institution; openDialog: (d: OrgDialogState) => void }) {
  const { t } = useTranslation('admin');
  const columns: Column<Group>[] = [
    { key: 'name', header: t('org.group'), rowHeader: true, cell: (g) => g.name },
    { key: 'children', header: t('org.children'), cell: (g) => g.childCount, className: 'align-text-right' },
    { key: 'status', header: t('org.status'), cell: (g) => (g.archived ? <Badge>{t('org.archivedBadge')}</Badge> : t('org.active')) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('org.actions')}</span>,
      cell: (g) => <RowButton label={t('org.editButton')} target={g.name} icon="edit" onClick={() => openDialog({ kind: 'group', existing: g })} />,
    },
  ];
  return (
    <DataTable
      caption={t('org.groupsCaption', { name: institution.name })}
      columns={columns}
      rows={institution.groups}
      rowKey={(g) => g.id}
      compact
      empty={t('org.noGroups')}
    />
  );
}

function TeamsSection({ tree, openDialog }: { tree: OrgTree; openDialog: (d: OrgDialogState) => void }) {
  const { t } = useTranslation('admin');
  const labels = useLabels();
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of tree.districts) m.set(d.id, d.name);
    for (const i of allInstitutions(tree)) m.set(i.id, i.name);
    return m;
  }, [tree]);
  const columns: Column<Team>[] = [
    { key: 'name', header: t('org.teamName'), rowHeader: true, cell: (x) => x.name },
    { key: 'kind', header: t('org.teamKind'), cell: (x) => labels.teamKind(x.kind) },
    {
      key: 'unit',
      header: t('org.teamAttachedTo'),
      cell: (x) => [x.districtId ? names.get(x.districtId) : null, x.institutionId ? names.get(x.institutionId) : null].filter(Boolean).join(', ') || t('org.wholeMunicipality'),
    },
    { key: 'members', header: t('org.members'), cell: (x) => x.memberCount, className: 'align-text-right' },
    { key: 'status', header: t('org.status'), cell: (x) => (x.archived ? <Badge>{t('org.archivedBadge')}</Badge> : t('org.active')) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('org.actions')}</span>,
      cell: (x) => <RowButton label={t('org.editButton')} target={x.name} icon="edit" onClick={() => openDialog({ kind: 'team', existing: x })} />,
    },
  ];
  return (
    <section className="tidlig-section" aria-labelledby="org-teams-heading">
      <h2 id="org-teams-heading">{t('org.teamsHeading')}</h2>
      <p>{t('org.teamsIntro')}</p>
      <DataTable caption={t('org.teamsCaption')} captionHidden columns={columns} rows={tree.teams} rowKey={(x) => x.id} empty={t('org.noTeams')} />
    </section>
  );
}
