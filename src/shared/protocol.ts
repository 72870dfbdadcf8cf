/**
 * The skill page's message protocol, shared by the extension host (src/extension/features/skillPanel.ts)
 * and the webview (src/webview/main.ts). Every message is a member of a discriminated union on
 * `type`; messages that cross the boundary are checked with the parsers below, never trusted.
 *
 * Handshake: the webview posts `ready` (with the state it restored, if any) as soon as its script
 * runs — after its first frame when it rendered a `render` embedded in its HTML (see below) — and
 * the host answers with `render`. It posts `ready` again every time VS Code re-creates the
 * webview (the panel is not kept alive while hidden), and the host renders again. Every `render`
 * carries the page's UI strings, translated by the host (the webview has no text of its own).
 * A new document may carry its first `render` in its HTML (a JSON data block with the id
 * INITIAL_MESSAGE_ID): the webview renders it at once and says so in `ready` (`embedded`); the host
 * then posts `render` only if the page changed since it wrote that HTML.
 * The preview panel shows one skill after another in the same webview: each switch is one more
 * `render` with `scrollToTop`, never a new document.
 */
import type { SkillPageStrings } from './skillPageStrings';
import type { SkillPageViewModel } from './skillPageModel';

/** The webview panel type, registered with a serializer so pages come back after a reload. */
export const SKILL_PAGE_VIEW_TYPE = 'learningPaths.skillPage';

/** The id of the `<script type="application/json">` block holding a new document's first `render`. */
export const INITIAL_MESSAGE_ID = 'lp-initial';

export type TabId = 'expectations' | 'stages' | 'projects' | 'tools' | 'interview' | 'career';
export const TAB_IDS: readonly TabId[] = ['expectations', 'stages', 'projects', 'tools', 'interview', 'career'];

/** What the webview keeps with getState/setState; the serializer receives it after a window reload. */
export interface PageState {
  v: 1;
  skill: string;
  /** The role and level picked on the page (absent: follow the learner's path). */
  role?: string;
  level?: string;
  tab?: TabId;
  /** Whether the matrix shows every cell's full text. */
  fullText?: boolean;
  /** The panel is the preview page (reused by the next single click); absent: pinned. */
  preview?: boolean;
  /** Vertical scroll position, restored after a reload. */
  scrollY?: number;
}

/** First meaningful paint of a webview load, in milliseconds (performance.now() in the webview). */
export interface PaintMetrics {
  /** From the webview document's time origin to the first frame showing the rendered page. */
  sinceStart: number;
  /** From the script starting to that frame. */
  sinceScript: number;
  /** From posting `ready` to receiving `render` (the host round trip); 0 when the first `render` came embedded in the HTML. */
  roundTrip: number;
  /** Building the DOM for the model. */
  render: number;
}

/** Host → webview. `measurePaint`: report the paint (`painted`); set only when the bench or a test runner asks (see MEASURE_PAINT_ENV). */
export interface HostMessage {
  type: 'render';
  model: SkillPageViewModel;
  /** The page's UI words in the editor's language. */
  strings: SkillPageStrings;
  /** Whether this panel is the preview page. */
  preview: boolean;
  /** Another skill replaces the one shown: start at the top, with sections closed. */
  scrollToTop?: boolean;
  measurePaint?: boolean;
}

/** A `render` message as the webview reads it: the strings in a Map (they come from outside). */
export interface RenderMessage {
  type: 'render';
  model: SkillPageViewModel;
  strings: Map<string, string>;
  preview: boolean;
  scrollToTop: boolean;
  measurePaint: boolean;
}

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready'; state?: PageState; embedded?: true }
  | { type: 'selectRole'; role: string }
  | { type: 'selectLevel'; level: string }
  | { type: 'scaffold'; starter: string; project?: string }
  | { type: 'revealInTree'; role?: string; level?: string }
  | { type: 'openSkill'; skill: string }
  | { type: 'choosePath' }
  | { type: 'painted'; metrics: PaintMetrics };

export type WebviewMessageType = WebviewMessage['type'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200;
}

function optionalId(o: Obj, key: string): boolean {
  return o[key] === undefined || isId(o[key]);
}

function isMetric(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** The state the webview saved, or undefined when it is missing or not ours. */
export function parsePageState(v: unknown): PageState | undefined {
  if (!isObj(v) || v.v !== 1 || !isId(v.skill)) return undefined;
  const out: PageState = { v: 1, skill: v.skill };
  if (isId(v.role)) out.role = v.role;
  if (isId(v.level)) out.level = v.level;
  if (typeof v.tab === 'string' && (TAB_IDS as readonly string[]).includes(v.tab)) out.tab = v.tab as TabId;
  if (typeof v.fullText === 'boolean') out.fullText = v.fullText;
  if (v.preview === true) out.preview = true;
  if (isMetric(v.scrollY)) out.scrollY = v.scrollY;
  return out;
}

/** A message from the webview, checked field by field; undefined for anything else. */
export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isObj(v) || typeof v.type !== 'string') return undefined;
  switch (v.type) {
    case 'ready': {
      const out: WebviewMessage = { type: 'ready' };
      const state = v.state === undefined ? undefined : parsePageState(v.state);
      if (state) out.state = state;
      if (v.embedded === true) out.embedded = true;
      return out;
    }
    case 'selectRole':
      return isId(v.role) ? { type: 'selectRole', role: v.role } : undefined;
    case 'selectLevel':
      return isId(v.level) ? { type: 'selectLevel', level: v.level } : undefined;
    case 'scaffold':
      if (!isId(v.starter) || !optionalId(v, 'project')) return undefined;
      return isId(v.project) ? { type: 'scaffold', starter: v.starter, project: v.project } : { type: 'scaffold', starter: v.starter };
    case 'revealInTree': {
      if (!optionalId(v, 'role') || !optionalId(v, 'level')) return undefined;
      const out: WebviewMessage = { type: 'revealInTree' };
      if (isId(v.role)) out.role = v.role;
      if (isId(v.level)) out.level = v.level;
      return out;
    }
    case 'openSkill':
      return isId(v.skill) ? { type: 'openSkill', skill: v.skill } : undefined;
    case 'choosePath':
      return { type: 'choosePath' };
    case 'painted': {
      const m = v.metrics;
      if (!isObj(m) || !isMetric(m.sinceStart) || !isMetric(m.sinceScript) || !isMetric(m.roundTrip) || !isMetric(m.render)) return undefined;
      return { type: 'painted', metrics: { sinceStart: m.sinceStart, sinceScript: m.sinceScript, roundTrip: m.roundTrip, render: m.render } };
    }
    default:
      return undefined;
  }
}

/** A message from the host; the webview ignores anything else. */
export function parseHostMessage(v: unknown): RenderMessage | undefined {
  if (!isObj(v) || v.type !== 'render' || !isObj(v.model) || !isObj(v.strings)) return undefined;
  const kind = v.model.kind;
  if (kind !== 'skill' && kind !== 'missing') return undefined;
  const strings = new Map<string, string>();
  for (const [key, value] of Object.entries(v.strings)) if (typeof value === 'string') strings.set(key, value);
  return { type: 'render', model: v.model as unknown as SkillPageViewModel, strings, preview: v.preview === true, scrollToTop: v.scrollToTop === true, measurePaint: v.measurePaint === true };
}
