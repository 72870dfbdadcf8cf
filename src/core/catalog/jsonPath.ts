/** A path to a value inside a parsed data file: property names and list indexes. */
export type JsonPath = (string | number)[];

/** Renders a path like skills[0].expectations[3].role. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(file)';
}
