/**
 * The Testing view's items: project → exercise (each `tests` milestone, at its stub line) → the
 * test functions of its test file (core/testing/discovery.ts, no Python run). Rebuilt when the
 * projects change; an exercise's children are found again when its test file or stub file changes.
 */
import * as vscode from 'vscode';
import { discoverTests, MAX_TEST_FILE_BYTES } from '../../../core/testing/discovery';
import { MAX_CHECK_BYTES } from '../../../core/progress/checks';
import { resolveProjectPath } from '../../../core/scaffold/plan';
import type { MilestoneDef } from '../../../core/scaffold/types';
import { stubLine } from '../../../core/verify/stubs';
import { isActive, type ActiveProject, type Project } from '../milestones/projectIndex';
import { projectUri, readProjectText } from './projectRead';

/** What an item stands for. */
export type ItemData = { kind: 'project'; projectKey: string } | { kind: 'exercise'; projectKey: string; milestoneId: string } | { kind: 'test'; projectKey: string; milestoneId: string; testId: string };

interface ExerciseEntry {
  item: vscode.TestItem;
  /** Project-relative paths whose change re-discovers it. */
  testPath: string;
  filePath: string;
}

export class TestTree {
  readonly data = new WeakMap<vscode.TestItem, ItemData>();
  /** project key → milestone id → exercise. */
  private readonly exercises = new Map<string, Map<string, ExerciseEntry>>();

  constructor(private readonly controller: vscode.TestController) {}

  /** Rebuilds the project and exercise items for `projects` (children discovered in the background). */
  async sync(projects: readonly Project[]): Promise<void> {
    const active = projects.filter(isActive).filter((p) => testsOf(p).length > 0);
    const items: vscode.TestItem[] = [];
    const jobs: Promise<void>[] = [];
    this.exercises.clear();
    for (const p of active) {
      const projectItem = this.controller.createTestItem(p.key, p.manifest.name, p.folder);
      this.data.set(projectItem, { kind: 'project', projectKey: p.key });
      const byId = new Map<string, ExerciseEntry>();
      testsOf(p).forEach((m, i) => {
        const filePath = resolveProjectPath(m.file, p.manifest.name);
        const testPath = m.check?.kind === 'tests' ? resolveProjectPath(m.check.path, p.manifest.name) : '';
        const item = this.controller.createTestItem(m.id, m.title, projectUri(p.folder, filePath));
        item.sortText = String(i).padStart(4, '0');
        this.data.set(item, { kind: 'exercise', projectKey: p.key, milestoneId: m.id });
        projectItem.children.add(item);
        const entry = { item, testPath, filePath };
        byId.set(m.id, entry);
        jobs.push(this.discover(p, m.id, entry));
      });
      this.exercises.set(p.key, byId);
      items.push(projectItem);
    }
    this.controller.items.replace(items);
    await Promise.all(jobs);
  }

  /** Re-discovers the exercises of `project` that `rel` (project-relative) belongs to. */
  async changed(project: ActiveProject, rel: string): Promise<void> {
    const byId = this.exercises.get(project.key);
    if (!byId) return;
    const jobs: Promise<void>[] = [];
    for (const [id, entry] of byId) if (entry.testPath === rel || entry.filePath === rel) jobs.push(this.discover(project, id, entry));
    await Promise.all(jobs);
  }

  exercise(projectKey: string, milestoneId: string): vscode.TestItem | undefined {
    return this.exercises.get(projectKey)?.get(milestoneId)?.item;
  }

  /** Every exercise item of a project, in order. */
  exercisesOf(projectKey: string): vscode.TestItem[] {
    return [...(this.exercises.get(projectKey)?.values() ?? [])].map((e) => e.item);
  }

  /** The child for a pytest node id after the file (`test_x`, `TestA::test_y`, `test_p[1-2]`), created when discovery missed it. */
  testItem(exercise: vscode.TestItem, testId: string): vscode.TestItem {
    const found = exercise.children.get(testId);
    if (found) return found;
    const d = this.data.get(exercise);
    const bracket = testId.indexOf('[');
    const parent = bracket > 0 ? exercise.children.get(testId.slice(0, bracket)) : undefined;
    const owner = parent ?? exercise;
    const existing = owner.children.get(testId);
    if (existing) return existing;
    const item = this.controller.createTestItem(testId, parent ? testId.slice(bracket) : testId, parent?.uri ?? exercise.uri);
    if (parent?.range) item.range = parent.range;
    if (d?.kind === 'exercise') this.data.set(item, { kind: 'test', projectKey: d.projectKey, milestoneId: d.milestoneId, testId });
    owner.children.add(item);
    return item;
  }

  private async discover(project: ActiveProject, milestoneId: string, entry: ExerciseEntry): Promise<void> {
    const [testText, fileText] = await Promise.all([readProjectText(project.folder, entry.testPath, MAX_TEST_FILE_BYTES), readProjectText(project.folder, entry.filePath, MAX_CHECK_BYTES)]);
    const line = fileText === undefined ? undefined : stubLine(fileText, milestoneId);
    entry.item.range = new vscode.Range(line ?? 0, 0, line ?? 0, 0);
    const testUri = projectUri(project.folder, entry.testPath);
    const children: vscode.TestItem[] = [];
    for (const t of testText === undefined ? [] : discoverTests(testText)) {
      const item = this.controller.createTestItem(t.id, t.className ? `${t.className} › ${t.name}` : t.name, testUri);
      item.range = new vscode.Range(t.line, 0, t.line, 0);
      this.data.set(item, { kind: 'test', projectKey: project.key, milestoneId, testId: t.id });
      children.push(item);
    }
    entry.item.children.replace(children);
  }
}

export function testsOf(p: ActiveProject): MilestoneDef[] {
  return p.template.manifest.milestones.filter((m) => m.check?.kind === 'tests');
}
