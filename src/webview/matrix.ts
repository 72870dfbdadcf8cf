/** The expectations matrix: roles × levels, each cell its expectation with a Required/Optional badge. */
import type { Matrix, MatrixCell, MatrixRow } from '../shared/skillPageModel';
import { h, icon, on, srOnly } from './dom';
import { tr } from './strings';
import { markBadge, requiredBadge } from './widgets';

export function renderMatrix(matrix: Matrix, fullText: boolean, onFullText: (full: boolean) => void): HTMLElement {
  const toggle = h(
    'vscode-button',
    { secondary: true, icon: fullText ? 'fold' : 'unfold', 'aria-pressed': String(fullText), 'data-key': 'matrix:fulltext', class: 'fulltext' },
    fullText ? tr('shortenCells') : tr('showFullText'),
  );
  on(toggle, 'click', () => onFullText(!fullText));

  const levelCount = matrix.levels.length;
  const roleWidth = 16;
  const columns = [`${roleWidth}%`, ...matrix.levels.map(() => `${((100 - roleWidth) / Math.max(1, levelCount)).toFixed(2)}%`)];
  const table = h(
    'vscode-table',
    { class: `matrix${fullText ? ' full' : ''}`, 'bordered-rows': true, 'bordered-columns': true, responsive: true, breakpoint: 560, 'aria-label': tr('matrixLabel') },
    h(
      'vscode-table-header',
      { slot: 'header' },
      h('vscode-table-header-cell', { class: 'role-col' }, tr('role')),
      matrix.levels.map((l) =>
        h(
          'vscode-table-header-cell',
          { class: [l.selected ? 'selected' : '', l.mine ? 'mine' : ''].filter(Boolean).join(' ') || undefined, title: l.summary, 'data-level': l.id },
          l.title,
          l.mine ? h('span', { class: 'col-mark' }, ' ', icon('location'), srOnly(` ${tr('yourLevelMark')}`)) : null,
        ),
      ),
    ),
    h(
      'vscode-table-body',
      { slot: 'body' },
      matrix.rows.map((row) => renderRow(row, matrix)),
    ),
  );
  table.columns = columns;
  return h('div', { class: 'matrix-wrap' }, h('div', { class: 'matrix-tools' }, legend(), toggle), table);
}

function renderRow(row: MatrixRow, matrix: Matrix): HTMLElement {
  const classes = ['matrix-row', row.selected ? 'selected' : '', row.mine ? 'mine' : ''].filter(Boolean).join(' ');
  return h(
    'vscode-table-row',
    { class: classes, 'data-role': row.role.id },
    h(
      'vscode-table-cell',
      { class: 'role-cell', role: 'rowheader' },
      h('span', { class: 'role-title' }, row.role.title),
      row.mine ? h('span', { class: 'role-mark' }, ' ', icon('account'), srOnly(` ${tr('yourRoleMark')}`)) : null,
      row.selected && !row.mine ? srOnly(` ${tr('selectedMark')}`) : null,
    ),
    row.cells.map((c, i) => renderCell(c, matrix.levels[i]?.title ?? c.level)),
  );
}

function renderCell(c: MatrixCell, levelTitle: string): HTMLElement {
  const classes = ['matrix-cell', c.mine ? 'mine' : '', c.selected ? 'selected' : '', c.next ? 'next' : '', c.expectation ? '' : 'empty'].filter(Boolean).join(' ');
  return h(
    'vscode-table-cell',
    { class: classes, 'data-level': c.level },
    c.expectation
      ? [
          h(
            'span',
            { class: 'cell-badges' },
            requiredBadge(c.expectation.required),
            c.mine ? markBadge('you') : c.selected ? markBadge('selected') : null,
            c.next ? markBadge('next') : null,
          ),
          h('span', { class: 'cell-text' }, c.expectation.text),
        ]
      : h('span', { class: 'muted' }, '—', srOnly(tr('noExpectationAt', levelTitle))),
  );
}

function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend muted' },
    h('span', null, icon('location'), ' ', tr('legendYou')),
    h('span', null, icon('arrow-circle-up'), ' ', tr('legendNext')),
  );
}
