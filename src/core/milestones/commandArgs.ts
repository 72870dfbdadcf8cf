/**
 * The one parser of the milestone commands' argument. It arrives as `unknown`: a tree node from a
 * view menu (`{ kind, project: { key }, milestone: { id } }`), a `{ projectId | projectKey |
 * folder, milestone, confirmed, silent }` object from a tree item, the status bar, a test or a
 * link, or anything else. Fields are read as own properties and checked one by one; a field of
 * the wrong type counts as absent, unknown fields are ignored, and nothing is cast. Pure.
 */

/** How the argument names a project; the extension resolves it against its project index. */
export type ProjectRef =
  | { by: 'key'; key: string }
  | { by: 'projectId'; projectId: string }
  /** A folder: a path string, or a URI object (checked by the caller's `isUri`). */
  | { by: 'folder'; folder: string | object };

export interface MilestoneArgs {
  project?: ProjectRef;
  milestone?: string;
  /** resetProject: skip the confirmation. */
  confirmed: boolean;
  /** verifyMilestones: no notification. */
  silent: boolean;
  /** verifyMilestones: `false` only re-evaluates the checks (no test run); absent means run them. */
  runTests?: boolean;
}

function field(o: object, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, name) ? (Object.getOwnPropertyDescriptor(o, name)?.value as unknown) : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 4096 ? v : undefined;
}

export function parseMilestoneArgs(arg: unknown, isUri: (v: unknown) => v is object): MilestoneArgs {
  const out: MilestoneArgs = { confirmed: false, silent: false };
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || isUri(arg)) return out;
  out.confirmed = field(arg, 'confirmed') === true;
  out.silent = field(arg, 'silent') === true;
  const runTests = field(arg, 'runTests');
  if (typeof runTests === 'boolean') out.runTests = runTests;
  const kind = field(arg, 'kind');
  const nodeProject = field(arg, 'project');
  if ((kind === 'project' || kind === 'milestone') && typeof nodeProject === 'object' && nodeProject !== null) {
    const key = text(field(nodeProject, 'key'));
    if (key) out.project = { by: 'key', key };
    const nodeMilestone = field(arg, 'milestone');
    const id = kind === 'milestone' && typeof nodeMilestone === 'object' && nodeMilestone !== null ? text(field(nodeMilestone, 'id')) : undefined;
    if (id) out.milestone = id;
    return out;
  }
  const projectId = text(field(arg, 'projectId'));
  const key = text(field(arg, 'projectKey'));
  const folder = field(arg, 'folder');
  if (projectId) out.project = { by: 'projectId', projectId };
  else if (key) out.project = { by: 'key', key };
  else {
    const path = text(folder);
    if (path) out.project = { by: 'folder', folder: path };
    else if (isUri(folder)) out.project = { by: 'folder', folder };
  }
  const milestone = text(field(arg, 'milestone'));
  if (milestone) out.milestone = milestone;
  return out;
}
