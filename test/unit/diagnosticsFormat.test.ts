// Diagnostics and the translation helpers (src/core/diagnostics.ts, src/core/l10n.ts): the
// `file:line:col: field: message` format, the defaults of diagnosticAt, and `{n}` substitution.
import * as assert from 'node:assert/strict';
import type { JsonPath } from '../../src/core/catalog/jsonPath';
import { diagnosticAt, formatDiagnostic, locateNowhere, START, type Locate } from '../../src/core/diagnostics';
import { english, format, pseudo } from '../../src/core/l10n';

describe('diagnostics (core/diagnostics)', () => {
  it('formats file:line:col, the field unless it is the whole file, and "warning:" for warnings', () => {
    const d = { file: 'a.yaml', line: 3, column: 7, endLine: 3, endColumn: 9, field: 'skills[0].id', message: 'bad id', severity: 'error' as const };
    assert.equal(formatDiagnostic(d), 'a.yaml:3:7: skills[0].id: bad id');
    assert.equal(formatDiagnostic({ ...d, severity: 'warning' }), 'a.yaml:3:7: warning: skills[0].id: bad id');
    assert.equal(formatDiagnostic({ ...d, field: '(file)' }), 'a.yaml:3:7: bad id');
    assert.equal(formatDiagnostic({ ...d, field: '(file)', severity: 'warning' }), 'a.yaml:3:7: warning: bad id');
  });

  it('diagnosticAt asks for the value by default, is an error by default, and names the field by its path', () => {
    const asked: [JsonPath, string | undefined][] = [];
    const locate: Locate = (path, target) => {
      asked.push([path, target]);
      return { line: 2, column: 4, endLine: 2, endColumn: 8 };
    };
    assert.deepEqual(diagnosticAt('f.yaml', locate, ['skills', 0, 'id'], 'm'), { file: 'f.yaml', line: 2, column: 4, endLine: 2, endColumn: 8, field: 'skills[0].id', message: 'm', severity: 'error' });
    assert.deepEqual(diagnosticAt('f.yaml', locate, ['roles'], 'w', 'key', 'warning'), { file: 'f.yaml', line: 2, column: 4, endLine: 2, endColumn: 8, field: 'roles', message: 'w', severity: 'warning' });
    assert.deepEqual(asked, [
      [['skills', 0, 'id'], 'value'],
      [['roles'], 'key'],
    ]);
    assert.deepEqual(locateNowhere(['x']), START);
    assert.deepEqual(START, { line: 1, column: 1, endLine: 1, endColumn: 1 });
  });
});

describe('translation helpers (core/l10n)', () => {
  it('replaces {n} by the nth argument, leaves a placeholder without an argument, and pseudo wraps the result', () => {
    assert.equal(format('{0} of {1}, {0} again, {2} missing, {x} not a number', [3, 'five']), '3 of five, 3 again, {2} missing, {x} not a number');
    assert.equal(format('{10}', Array.from({ length: 11 }, (_, i) => i)), '10');
    assert.equal(format('{1}', [true, false]), 'false');
    assert.equal(english('Hint {0} of {1}', 1, 3), 'Hint 1 of 3');
    assert.equal(pseudo('Hint {0} of {1}', 1, 3), '⟦Hint 1 of 3⟧');
    assert.equal(english('no placeholders'), 'no placeholders');
  });
});
