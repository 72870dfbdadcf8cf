/** Looking a command up on PATH, as a shell would: the first executable file of that name. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function whichSync(command: string, path = process.env.PATH ?? '', platform = process.platform): string | undefined {
  const names = platform === 'win32' ? [`${command}.exe`, `${command}.cmd`] : [command];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        if (statSync(p).isFile()) return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The async form the interpreter resolution takes. */
export const which = (command: string): Promise<string | undefined> => Promise.resolve(whichSync(command));
