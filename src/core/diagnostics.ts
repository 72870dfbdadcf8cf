import { formatPath, type JsonPath } from './catalog/jsonPath';

/** A problem found in a data file, with a 1-based position and the field it concerns. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Dotted path of the field, e.g. skills[0].expectations[3].role; "(file)" for the whole file. */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export const START: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** `file:line:col: field: message`, the format of compilers and of the CLI's `validate`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.field === '(file)' ? '' : `${d.field}: `;
  const level = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.column}: ${level}${where}${d.message}`;
}

/** Maps a field path to where it stands in its file. */
export type Locate = (path: JsonPath, target?: 'key' | 'value') => Position;

export const locateNowhere: Locate = () => START;

export function diagnosticAt(
  file: string,
  locate: Locate,
  path: JsonPath,
  message: string,
  target: 'key' | 'value' = 'value',
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { file, ...locate(path, target), field: formatPath(path), message, severity };
}
