/**
 * Finding the Python that runs a project's tests: the Python extension's selection for the
 * project's folder (only when ms-python.python is installed), then `learningPaths.pythonPath`,
 * then python3/python on PATH (src/core/verify/interpreter.ts holds the order).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import { activeInterpreterOf, resolveInterpreter, type InterpreterChoice } from '../../../core/verify/interpreter';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

function which(command: string): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${command}.exe`] : [command];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      if (!dir) continue;
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return Promise.resolve(p);
      } catch {
        // not here
      }
    }
  }
  return Promise.resolve(undefined);
}

export function findInterpreter(folder: vscode.Uri): Promise<InterpreterChoice> {
  const hasPythonExtension = vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
  return resolveInterpreter({
    ...(hasPythonExtension
      ? {
          pythonExtension: async () => {
            const { PythonExtension } = await import('@vscode/python-extension');
            const api = await PythonExtension.api();
            return activeInterpreterOf(api.environments, folder);
          },
        }
      : {}),
    setting: vscode.workspace.getConfiguration('learningPaths', folder).get<string>('pythonPath', ''),
    which,
  });
}
