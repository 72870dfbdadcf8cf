/** The shared services every feature registrar receives. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { Template } from '../core/scaffold/types';
import { CatalogService } from './catalogService';
import { LearnerPathStore } from './learnerPath';

/** Done / total milestones of one skill, over every project that serves it. */
export interface SkillCount {
  done: number;
  total: number;
}

/**
 * Milestone counts per skill ("skill counts"), published by the milestones feature for the Skills
 * tree and the skill page. Not to be confused with a project's ticks (core/progress/store.ts).
 */
export class SkillCounts implements vscode.Disposable {
  private values = new Map<string, SkillCount>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get(skill: string): SkillCount | undefined {
    return this.values.get(skill);
  }

  set(values: Map<string, SkillCount>): void {
    const before = JSON.stringify([...this.values]);
    this.values = values;
    if (JSON.stringify([...values]) !== before) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface Services {
  context: vscode.ExtensionContext;
  catalog: CatalogService;
  /** The learner's role, current and target level. */
  learnerPath: LearnerPathStore;
  /** Milestones done / total per skill. */
  skillCounts: SkillCounts;
  /**
   * The bundled starters, read on first use from dist/templates.json.br: the build compresses
   * them with Brotli, whose window spans the whole file, so the reference solutions (near copies
   * of starter files) cost almost nothing in the VSIX.
   */
  templates(): readonly Template[];
}

export function createServices(context: vscode.ExtensionContext): Services {
  let templates: Template[] | undefined;
  const services: Services = {
    context,
    catalog: new CatalogService(context.extensionUri),
    learnerPath: new LearnerPathStore(context),
    skillCounts: new SkillCounts(),
    templates: () => (templates ??= readTemplatesBundle(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath)),
  };
  context.subscriptions.push(services.catalog, services.learnerPath, services.skillCounts);
  return services;
}

/** The bundled starters: dist/templates.json.br (what the VSIX ships, decoded in a few ms), else dist/templates.json. */
function readTemplatesBundle(dist: string): Template[] {
  const br = join(dist, 'templates.json.br');
  const text = existsSync(br) ? brotliDecompressSync(readFileSync(br)).toString('utf8') : readFileSync(join(dist, 'templates.json'), 'utf8');
  return JSON.parse(text) as Template[];
}
