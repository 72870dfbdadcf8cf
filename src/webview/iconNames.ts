/**
 * The codicons the skill page draws. Each is inlined as SVG path data from @vscode/codicons at
 * build time (scripts/gen-icons.mjs reads this list), so the page needs no icon font: nothing to
 * fetch before its first frame, and the same artwork VS Code uses. Keep one name per line.
 */
export const ICON_NAMES = [
  'account',
  'arrow-circle-up',
  'arrow-right',
  'briefcase',
  'checklist',
  'chevron-right',
  'circle-large-outline',
  'comment',
  'dashboard',
  'eye',
  'fold',
  'graph-line',
  'info',
  'lightbulb',
  'list-tree',
  'location',
  'milestone',
  'mortar-board',
  'package',
  'pass-filled',
  'question',
  'references',
  'robot',
  'rocket',
  'star-full',
  'target',
  'tools',
  'unfold',
  'warning',
] as const;

export type IconName = (typeof ICON_NAMES)[number];
