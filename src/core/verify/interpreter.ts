/**
 * Which Python runs a learner's tests, in this order: the interpreter the Python extension has
 * selected for the project's folder, then the `learningPaths.pythonPath` setting, then `python3`
 * and `python` on PATH. Pure: each source is a function the caller supplies (the extension passes
 * an adapter over `@vscode/python-extension`, the CLI its `--python` option).
 */

export type InterpreterSource = 'python-extension' | 'setting' | 'path';

export interface InterpreterSources {
  /** The Python extension's active environment for the folder, when that extension is installed. */
  pythonExtension?: () => Promise<string | undefined>;
  /** The `learningPaths.pythonPath` setting (empty means unset). */
  setting?: string;
  /** Looks a command up on PATH; undefined when it is not there. */
  which: (command: string) => Promise<string | undefined>;
}

export type InterpreterChoice = { ok: true; path: string; source: InterpreterSource } | { ok: false; reason: string };

export async function resolveInterpreter(sources: InterpreterSources): Promise<InterpreterChoice> {
  if (sources.pythonExtension) {
    try {
      const path = await sources.pythonExtension();
      if (path) return { ok: true, path, source: 'python-extension' };
    } catch {
      // The Python extension failed to answer: fall through to the setting and PATH.
    }
  }
  const setting = sources.setting?.trim();
  if (setting) return { ok: true, path: setting, source: 'setting' };
  for (const command of ['python3', 'python']) {
    const path = await sources.which(command);
    if (path) return { ok: true, path, source: 'path' };
  }
  return { ok: false, reason: 'No Python interpreter found: select one with the Python extension, set learningPaths.pythonPath, or put python3 on PATH.' };
}

/** The part of the Python extension's environments API (`@vscode/python-extension`) this needs. */
export interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: unknown): { path: string };
  resolveEnvironment(environment: { path: string } | string): Promise<{ executable: { uri?: { fsPath: string } } } | undefined>;
}

/**
 * The executable of the environment the Python extension has selected for `resource`: the
 * environment's path may be a folder (a conda env), so it is resolved to its interpreter.
 */
export async function activeInterpreterOf(api: PythonEnvironmentsApi, resource: unknown): Promise<string | undefined> {
  const active = api.getActiveEnvironmentPath(resource);
  const resolved = await api.resolveEnvironment(active);
  return resolved?.executable.uri?.fsPath;
}
