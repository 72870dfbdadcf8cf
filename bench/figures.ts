/** One printed line per figure, with its budget and PASS/OVER, and the JSON written for comparison. */

export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: 'ms' | 'KB' | 'MB' | 'x' | 'files' | '';
  /** Budget: value must be <= max (undefined = printed only). */
  max?: number;
  note?: string;
}

export function verdict(f: Figure): 'PASS' | 'OVER' | 'INFO' {
  if (f.max === undefined) return 'INFO';
  return f.value <= f.max ? 'PASS' : 'OVER';
}

export function formatFigure(f: Figure): string {
  const v = f.unit === 'x' ? `${f.value.toFixed(2)}x` : `${round(f.value)} ${f.unit}`.trim();
  const budget = f.max === undefined ? 'printed' : `<= ${f.unit === 'x' ? `${f.max}x` : `${f.max} ${f.unit}`.trim()}`;
  return `${f.label.padEnd(64)} ${v.padStart(12)}   budget ${budget.padEnd(12)} ${verdict(f)}${f.note ? `   (${f.note})` : ''}`;
}

function round(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
