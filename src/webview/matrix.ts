/** The expectations matrix: roles × levels, each cell its expectation with a Required/Optional badge. */
import type { Matrix, MatrixCell, MatrixRow } from '../shared/skillPageModel';
import { h, icon, on, srOnly } from './dom';
import { tr } from './strings';
import { iconButton, markBadge, requiredBadge } from './widgets';

export function renderMatrix(matrix: Matrix, fullText: boolean, onFullText: (full: boolean) => void): HTMLElement {
  // An action whose label says what it does next (so no aria-pressed on top of it).
  const toggle = iconButton(fullText ? 'fold' : 'unfold', fullText ? tr('shortenCells') : tr('showFullText'), {
    secondary: true,
    'data-key': 'matrix:fulltext',
    class: 'fulltext',
  });
  on(toggle, 'click', () => onFullText(!fullText));

  // A native table: real row and column headers for screen readers, and for the first frame
  // nothing but layout (a vscode-table measures itself and renders each of its cells as a component).
  // Columns: the role column fixed, the levels sharing the rest (table-layout: fixed in CSS).
  const table = h(
    'table',
    { class: `lp-table matrix${fullText ? ' full' : ''}`, 'aria-label': tr('matrixLabel'), 'data-levels': matrix.levels.length },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'role-col' }, tr('role')),
        matrix.levels.map((l) =>
          h(
            'th',
            { scope: 'col', class: [l.selected ? 'selected' : '', l.mine ? 'mine' : ''].filter(Boolean).join(' ') || undefined, title: l.summary, 'data-level': l.id },
            l.title,
            l.mine ? h('span', { class: 'col-mark' }, ' ', icon('location'), srOnly(` ${tr('yourLevelMark')}`)) : null,
          ),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      matrix.rows.map((row) => renderRow(row, matrix)),
    ),
  );
  return h('div', { class: 'matrix-wrap' }, h('div', { class: 'matrix-tools' }, legend(), toggle), table);
}

function renderRow(row: MatrixRow, matrix: Matrix): HTMLElement {
  const classes = ['matrix-row', row.selected ? 'selected' : '', row.mine ? 'mine' : ''].filter(Boolean).join(' ');
  return h(
    'tr',
    { class: classes, 'data-role': row.role.id },
    h(
      'th',
      { scope: 'row', class: 'role-cell' },
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
    'td',
    // data-label: the level's name, shown before the cell when a narrow page stacks the table.
    { class: classes, 'data-level': c.level, 'data-label': levelTitle },
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
