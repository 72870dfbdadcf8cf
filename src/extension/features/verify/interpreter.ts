/**
 * Finding the Python that runs a project's tests: the Python extension's selection for the
 * project's folder (only when ms-python.python is installed), then `learningPaths.pythonPath`,
 * then python3/python on PATH (src/core/verify/interpreter.ts holds the order).
 */
import * as vscode from 'vscode';
import { activeInterpreterOf, resolveInterpreter, type InterpreterChoice } from '../../../core/verify/interpreter';
import { which } from '../../../core/verify/which';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

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
