// The log's working items (S4): goals' status, actions with an owner and a due date,
// evaluations on set dates, attached documents. Professionals in the log only; each change of
// an item carries that item's version (If-Match), new items need none.
import { createHash, randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
import { decodeBase64, documentProblem } from './documents.ts';
import { appendable, author, readable, RESOURCE, view } from './log-access.ts';
import { participation } from './presenter.ts';
import * as repo from './repo.ts';
import type { ActionCreateInput, ActionPatchInput, DocumentInput, GoalPatchInput, LogView } from './schema.ts';

const itemNotFound = () => new AppError('stafetlog.item_not_found', 404);
const stale = () => new AppError('version.mismatch', 412);

function staffOnly(scope: Scope, log: repo.LogRow): void {
  if (scope.actor.kind !== 'staff') scope.deny({ resourceType: RESOURCE, resourceId: log.id, childId: log.childId }, new AppError('access.denied', 403));
}

// ── goals ──────────────────────────────────────────────────────────────────────────────
export async function patchGoal(scope: Scope, logId: string, goalId: string, version: number, input: GoalPatchInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'edit_item');
  staffOnly(scope, log);
  const goal = await repo.findGoal(scope, logId, goalId);
  if (!goal) throw itemNotFound();
  const changes = { ...(input.text !== undefined ? { text: input.text } : {}), ...(input.status !== undefined ? { status: input.status } : {}) };
  if (!(await repo.updateItem(scope, 'stafetlogGoals', logId, goalId, version, changes))) throw stale();
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'goal', id: goalId, fields: Object.keys(changes) } });
  return view(scope, logId);
}

// ── actions ────────────────────────────────────────────────────────────────────────────
/** The owner is an active participant of the log, or the family itself. */
export async function addAction(scope: Scope, logId: string, input: ActionCreateInput): Promise<LogView> {
  const { log, participants } = await appendable(scope, logId, 'action');
  staffOnly(scope, log);
  if (input.goalId && !(await repo.findGoal(scope, logId, input.goalId))) throw itemNotFound();
  if (input.owner.kind === 'user') {
    const ownerId = input.owner.userId;
    if (!participants.some((p) => p.userId === ownerId && participation(p).active)) {
      throw new AppError('request.invalid', 422, [{ path: 'owner.userId', message: 'Ejeren skal være deltager i stafetloggen' }]);
    }
  }
  const id = randomUUID();
  await repo.insertAction(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    goalId: input.goalId ?? null,
    text: input.text,
    ownerKind: input.owner.kind,
    ownerUserId: input.owner.kind === 'user' ? input.owner.userId : null,
    dueDate: input.dueDate,
    createdBy: author(scope).id,
    createdAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'action', id } });
  return view(scope, logId);
}

export async function patchAction(scope: Scope, logId: string, actionId: string, version: number, input: ActionPatchInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'edit_item');
  staffOnly(scope, log);
  const action = await repo.findAction(scope, logId, actionId);
  if (!action) throw itemNotFound();
  const changes: Record<string, unknown> = {};
  if (input.text !== undefined) changes.text = input.text;
  if (input.dueDate !== undefined) changes.dueDate = input.dueDate;
  if (input.status !== undefined && input.status !== action.status) {
    changes.status = input.status;
    changes.doneAt = input.status === 'done' ? scope.now : null;
  }
  if (!(await repo.updateItem(scope, 'stafetlogActions', logId, actionId, version, changes))) throw stale();
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'action', id: actionId, fields: Object.keys(changes) } });
  return view(scope, logId);
}

// ── evaluations ────────────────────────────────────────────────────────────────────────
export async function addEvaluation(scope: Scope, logId: string, input: { dueDate: string }): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'evaluation');
  staffOnly(scope, log);
  const id = randomUUID();
  await repo.insertEvaluation(scope, { municipalityId: scope.municipalityId, id, logId, dueDate: input.dueDate, createdBy: author(scope).id, createdAt: scope.now });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'evaluation', id } });
  return view(scope, logId);
}

/** Held when the summary is written: it becomes an 'evaluation' entry (append-only like all text). */
export async function holdEvaluation(scope: Scope, logId: string, evaluationId: string, version: number, input: { summary: string }): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'edit_item');
  staffOnly(scope, log);
  const evaluation = await repo.findEvaluation(scope, logId, evaluationId);
  if (!evaluation) throw itemNotFound();
  if (evaluation.version !== version) throw stale();
  if (evaluation.heldAt) throw new AppError('request.invalid', 409, [{ path: 'evaluationId', message: 'Evalueringen er allerede holdt' }]);
  const who = author(scope);
  const entryId = randomUUID();
  await repo.insertEntry(scope, {
    municipalityId: scope.municipalityId,
    id: entryId,
    logId,
    kind: 'evaluation',
    authorKind: who.kind,
    authorId: who.id,
    authorName: who.name,
    body: input.summary,
    correctsId: null,
    createdAt: scope.now,
  });
  if (!(await repo.updateItem(scope, 'stafetlogEvaluations', logId, evaluationId, version, { heldAt: scope.now, entryId }))) throw stale();
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'evaluation', id: evaluationId, held: true } });
  return view(scope, logId);
}

// ── documents ──────────────────────────────────────────────────────────────────────────
export async function addDocument(scope: Scope, logId: string, input: DocumentInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'document');
  staffOnly(scope, log);
  const content = decodeBase64(input.contentBase64);
  if (!content) throw new AppError('request.invalid', 400, [{ path: 'contentBase64', message: 'Ikke gyldig base64' }]);
  const problem = documentProblem(input.fileName, input.mediaType, content);
  if (problem === 'too_large') throw new AppError('stafetlog.document_too_large', 413);
  if (problem === 'empty') throw new AppError('request.invalid', 400, [{ path: 'contentBase64', message: 'Dokumentet er tomt' }]);
  if (problem === 'type') throw new AppError('stafetlog.document_type', 422);
  const who = author(scope);
  const id = randomUUID();
  await repo.insertDocument(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    fileName: input.fileName,
    mediaType: input.mediaType,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    uploadedByKind: who.kind,
    uploadedById: who.id,
    uploadedByName: who.name,
    createdAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: 'stafetlog_document', resourceId: id, childId: log.childId, details: { logId, sizeBytes: content.length, mediaType: input.mediaType } });
  return view(scope, logId);
}

/** Anyone who may read the log may download its documents; each download is audited. */
export async function downloadDocument(scope: Scope, logId: string, documentId: string): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const { log } = await readable(scope, logId);
  const doc = await repo.findDocument(scope, logId, documentId);
  if (!doc) throw itemNotFound();
  scope.audit({ action: 'read', resourceType: 'stafetlog_document', resourceId: documentId, childId: log.childId, details: { logId } });
  // PGlite returns bytea as Uint8Array, pg as Buffer.
  return { fileName: doc.fileName, mediaType: doc.mediaType, content: Buffer.from(doc.content) };
}
