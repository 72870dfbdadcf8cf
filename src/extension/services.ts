/** The shared services every feature registrar receives. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import * as vscode from 'vscode';
import { mergeStarters } from '../core/scaffold/mergeStarters';
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
   * Every starter: the bundled ones, read on first use from dist/templates.json.br (the build
   * compresses them with Brotli, whose window spans the whole file, so the reference solutions,
   * near copies of starter files, cost almost nothing in the VSIX), merged with the content packs'
   * starters by pack precedence (a pack starter replaces a bundled one with the same id; it
   * carries its `pack`).
   */
  templates(): readonly Template[];
  /** Fires when the packs' starters changed (so `templates()` did). */
  onDidChangeTemplates: vscode.Event<void>;
  /** Resolves once the content packs, and so their starters, have loaded once. */
  packsLoaded: Promise<void>;
}

export function createServices(context: vscode.ExtensionContext): Services {
  let bundled: Template[] | undefined;
  let merged: { packs: readonly Template[]; all: readonly Template[] } | undefined;
  const catalog = new CatalogService(context.extensionUri);
  const templates = (): readonly Template[] => {
    bundled ??= readTemplatesBundle(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath);
    const packs = catalog.starters;
    if (packs.length === 0) return bundled;
    if (merged?.packs !== packs) merged = { packs, all: mergeStarters([bundled, packs]) };
    return merged.all;
  };
  const services: Services = {
    context,
    catalog,
    learnerPath: new LearnerPathStore(context),
    skillCounts: new SkillCounts(),
    templates,
    onDidChangeTemplates: catalog.onDidChangeStarters,
    packsLoaded: catalog.loaded,
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
