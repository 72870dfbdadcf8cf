/** The shared services every feature registrar receives. */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Template } from '../core/scaffold/types';
import { CatalogService } from './catalogService';
import { PathStore } from './pathStore';

/** Milestone progress per skill, published by the milestones feature for the tree and the skill page. */
export class SkillProgress implements vscode.Disposable {
  private values = new Map<string, { done: number; total: number }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get(skill: string): { done: number; total: number } | undefined {
    return this.values.get(skill);
  }

  set(values: Map<string, { done: number; total: number }>): void {
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
  path: PathStore;
  progress: SkillProgress;
  /** The bundled starters (dist/templates.json), read on first use. */
  templates(): readonly Template[];
}

export function createServices(context: vscode.ExtensionContext): Services {
  let templates: Template[] | undefined;
  const services: Services = {
    context,
    catalog: new CatalogService(context.extensionUri),
    path: new PathStore(context.globalState),
    progress: new SkillProgress(),
    templates: () => (templates ??= JSON.parse(readFileSync(vscode.Uri.joinPath(context.extensionUri, 'dist', 'templates.json').fsPath, 'utf8')) as Template[]),
  };
  context.subscriptions.push(services.catalog, services.path, services.progress);
  return services;
}
