// Runs in flight in this process: their progress, and a promise that settles when they end.
// Progress lives here, not in the database: it changes per chunk, and writing it would mean
// a transaction per chunk beside the run's own. The outcome itself is always in import_runs.

export type Phase = 'parsing' | 'validating' | 'applying' | 'done';

export interface Progress {
  phase: Phase;
  processed: number;
  total: number;
}

export interface TrackedRun {
  id: string;
  progress: Progress;
  done: Promise<void>;
}

/** Finished runs keep their final progress this long, so a page that polls sees "done". */
const KEEP_DONE_MS = 15 * 60 * 1000;

const runs = new Map<string, TrackedRun>();

export function track(run: Omit<TrackedRun, 'done'>, job: (progress: Progress) => Promise<void>): TrackedRun {
  const tracked = run as TrackedRun;
  // The job promise never rejects: it ends every run in a final status itself.
  tracked.done = job(run.progress)
    .catch(() => {})
    .finally(() => {
      run.progress.phase = 'done';
      run.progress.processed = run.progress.total;
      setTimeout(() => {
        if (runs.get(run.id) === tracked) runs.delete(run.id);
      }, KEEP_DONE_MS).unref();
    });
  runs.set(run.id, tracked);
  return tracked;
}

export function trackedRun(id: string): TrackedRun | undefined {
  return runs.get(id);
}

export function progressOf(id: string): Progress | null {
  const p = runs.get(id)?.progress;
  return p ? { ...p } : null;
}

/** Settles when the run has reached its final status (at once for a run this process does not know). */
export async function waitFor(id: string): Promise<void> {
  await runs.get(id)?.done;
}
