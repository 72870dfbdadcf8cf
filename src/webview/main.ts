/**
 * The skill page webview. It renders the view model the host sends and reports what the learner
 * does; it computes nothing about the catalog itself. Only the vscode-elements components the page
 * uses are imported, to keep dist/webview.js small: the tabs. Tables, badges, buttons, selects,
 * disclosures and icons are native HTML and inline SVG, styled with the theme's colours, so the
 * first frame is mostly layout, not custom-element updates (see README, Performance).
 */
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { SkillPageViewModel } from '../shared/skillPageModel';
import { INITIAL_MESSAGE_ID, parseHostMessage, parsePageState, type PageState, type RenderMessage, type TabId, type WebviewMessage } from '../shared/protocol';
import { h } from './dom';
import { renderPage, type PageContext, type ViewState } from './render';
import { tr, useStrings } from './strings';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const scriptStart = performance.now();
const vscode = acquireVsCodeApi();
/** The page's root, found once the document's body is parsed (see start). */
let app: HTMLElement;

let state = parsePageState(vscode.getState());
let model: SkillPageViewModel | undefined;
const view: ViewState = { tab: state?.tab ?? 'expectations', fullText: state?.fullText ?? false, openKeys: new Set() };
let preview = state?.preview === true;
/** Scroll position to restore on the first render of this document (after a reload). */
let restoreScroll = state?.scrollY ?? 0;
let readyPostedAt = 0;
/**
 * The page's scroll position as last seen (scroll events, and where draw scrolled to). Read from
 * here, not from window.scrollY, which forces a layout when the page has just been rebuilt.
 */
let scrolledTo = 0;
let drawnOnce = false;
let paintReported = false;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(): void {
  if (!model) return;
  const skill = model.kind === 'skill' ? model.skill.id : model.skill;
  const next: PageState = { v: 1, skill, tab: view.tab, fullText: view.fullText };
  if (preview) next.preview = true;
  if (scrolledTo > 0) next.scrollY = Math.round(scrolledTo);
  if (model.kind === 'skill') {
    if (model.pinned.role) next.role = model.pinned.role;
    if (model.pinned.level) next.level = model.pinned.level;
  }
  state = next;
  vscode.setState(next);
}

const ctx: PageContext = {
  view,
  actions: {
    choosePath: () => post({ type: 'choosePath' }),
    selectRole: (role) => post({ type: 'selectRole', role }),
    selectLevel: (level) => post({ type: 'selectLevel', level }),
    revealInTree: () => {
      const sel = model?.kind === 'skill' ? model.selection : {};
      post({ type: 'revealInTree', ...(sel.role ? { role: sel.role } : {}), ...(sel.level ? { level: sel.level } : {}) });
    },
    scaffold: (starter, project) => post({ type: 'scaffold', starter, ...(project ? { project } : {}) }),
    openSkill: (skill) => post({ type: 'openSkill', skill }),
  },
  onTab: (tab: TabId) => {
    view.tab = tab;
    saveState();
  },
  onFullText: (full) => {
    view.fullText = full;
    saveState();
    draw();
  },
};

/**
 * Renders the current model, keeping focus, scroll position, tab and open sections; `fresh`
 * (another skill in the preview page) starts at the top, on the first tab, with sections closed.
 */
function draw(fresh = false): number {
  if (!model) return 0;
  const started = performance.now();
  const focusKey = fresh ? undefined : document.activeElement?.closest('[data-key]')?.getAttribute('data-key');
  // A new document's first render starts at the top: neither reading nor setting the scroll
  // position (each would force a layout before the first frame).
  const first = !drawnOnce;
  drawnOnce = true;
  const scrollY = fresh || first ? 0 : window.scrollY;
  const restore = fresh ? 0 : restoreScroll;
  restoreScroll = 0;
  if (fresh) {
    view.openKeys.clear();
    view.tab = 'expectations';
  }
  app.replaceChildren(...renderPage(model, ctx));
  app.removeAttribute('aria-busy');
  document.title = model.kind === 'skill' ? model.skill.title : tr('missingTitle');
  if (!first) window.scrollTo(0, scrollY);
  scrolledTo = scrollY;
  if (restore > 0) scrollWhenLaidOut(restore);
  if (focusKey) {
    // The tab headers (custom elements) render their shadow DOM, where focus lands, a microtask later.
    const target = app.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`[data-key="${CSS.escape(focusKey)}"]`);
    if (target) void Promise.resolve(target.updateComplete).then(() => target.focus());
  }
  return performance.now() - started;
}

/**
 * A restored page goes back to where it was scrolled, once it is tall enough again (the page's
 * tabs, custom elements, lay out their content a little after they are inserted).
 */
function scrollWhenLaidOut(y: number): void {
  let tries = 0;
  const attempt = () => {
    window.scrollTo(0, y);
    if (Math.abs(window.scrollY - y) > 2 && ++tries < 40) setTimeout(attempt, 50);
  };
  requestAnimationFrame(attempt);
}

/**
 * Reports the first paint of this document, and the paint of every skill switched in place (only
 * when the host asks: `measurePaint`).
 */
function reportPaint(roundTrip: number, render: number, switched: boolean): void {
  if (paintReported && !switched) return;
  paintReported = true;
  // Measure once the frame showing the page has been produced (a frame, a task, the next frame)
  // and any web font it uses has loaded (none today: icons are inline SVG): the first meaningful paint.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void document.fonts.ready.then(() =>
        requestAnimationFrame(() => {
          const now = performance.now();
          const metrics = { sinceStart: round(now), sinceScript: round(now - scriptStart), roundTrip: round(roundTrip), render: round(render) };
          document.documentElement.dataset.firstPaintMs = String(metrics.sinceStart);
          post({ type: 'painted', metrics });
        }),
      );
    }, 0),
  );
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Renders a `render` message; `roundTrip` is how long it took to arrive after `ready` (0 when it came with the HTML). */
function receive(message: RenderMessage, roundTrip: number): void {
  const switched = model !== undefined && message.scrollToTop;
  model = message.model;
  preview = message.preview;
  useStrings(message.strings);
  const render = draw(message.scrollToTop);
  saveState();
  if (message.measurePaint) reportPaint(switched ? 0 : roundTrip, render, switched);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) receive(message, performance.now() - readyPostedAt);
});

/**
 * A new document (no saved state) finds its first `render` in the HTML, as JSON read as text and
 * checked like any message; a restored or re-created document asks the host.
 */
function embeddedMessage(): RenderMessage | undefined {
  const text = state ? undefined : document.getElementById(INITIAL_MESSAGE_ID)?.textContent;
  if (!text) return undefined;
  try {
    return parseHostMessage(JSON.parse(text));
  } catch {
    return undefined;
  }
}

// Keep the scroll position in the saved state, so a reload comes back to it.
let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    scrollTimer = undefined;
    scrolledTo = window.scrollY;
    saveState();
  }, 150);
});

function start(): void {
  app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app' }));
  const embedded = embeddedMessage();
  let readySent = false;
  const ready = () => {
    if (readySent) return;
    readySent = true;
    readyPostedAt = performance.now();
    post({ type: 'ready', ...(state && !embedded ? { state } : {}), ...(embedded ? { embedded: true } : {}) });
  };
  if (!embedded) return ready();
  receive(embedded, 0);
  // The page is drawn; tell the host once its first frame is out (the message crosses the
  // workbench, whose thread also produces the frame), or soon if no frame comes (a hidden page).
  requestAnimationFrame(() => setTimeout(ready, 0));
  setTimeout(ready, 250);
}

/**
 * Resolves once the page's linked stylesheets have loaded: none when the host inlined the
 * stylesheet (it always does unless it could not read it), so the first frame is styled either way.
 */
function stylesLoaded(): Promise<unknown> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(pending.map((link) => new Promise((done) => ['load', 'error'].forEach((type) => link.addEventListener(type, done, { once: true })))));
}

// Inlined in the page's <head> (see skillPageHtml), the script runs before the body is parsed.
const parsed = document.readyState === 'loading' ? new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true })) : Promise.resolve();
void parsed.then(stylesLoaded).then(start);
