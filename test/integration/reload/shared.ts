/** What part 1 of the window-reload test leaves for part 2 (in the harness's reload folder). */
export interface BeforeReload {
  /** The extension host's process id before the reload. */
  pid: number;
  projectId: string;
  /** When the milestone was ticked (ISO). */
  at: string;
  /** The project's milestone counts (done, total, verified). */
  counts: { done: number; total: number; verified: number };
}

export const RELOAD_STARTER = 'transformer-text-classifier';
export const RELOAD_PROJECT = 'reload_it';
export const RELOAD_MILESTONE = 'review-worst-misclassifications';
