/**
 * Back / Forward of the preview skill page: the skills it showed before (and after, once the
 * learner went back), at most `limit` each way. Pure, so it is unit-tested directly.
 */
export interface PageTarget {
  skill: string;
  role?: string;
  level?: string;
}

export class SkillHistory {
  private readonly back: PageTarget[] = [];
  private readonly forward: PageTarget[] = [];

  constructor(readonly limit = 20) {}

  get canGoBack(): boolean {
    return this.back.length > 0;
  }

  get canGoForward(): boolean {
    return this.forward.length > 0;
  }

  /** The page moved on from `current` to another skill: `current` is one step back; forward is gone. */
  visit(current: PageTarget): void {
    this.back.push(current);
    if (this.back.length > this.limit) this.back.shift();
    this.forward.length = 0;
  }

  /** The target one step back (and `current` becomes one step forward), if there is one. */
  goBack(current: PageTarget): PageTarget | undefined {
    const target = this.back.pop();
    if (target) this.push(this.forward, current);
    return target;
  }

  goForward(current: PageTarget): PageTarget | undefined {
    const target = this.forward.pop();
    if (target) this.push(this.back, current);
    return target;
  }

  clear(): void {
    this.back.length = 0;
    this.forward.length = 0;
  }

  /** What Back and Forward would show, nearest first (for tests and tooltips). */
  entries(): { back: PageTarget[]; forward: PageTarget[] } {
    return { back: [...this.back].reverse(), forward: [...this.forward].reverse() };
  }

  private push(stack: PageTarget[], target: PageTarget): void {
    stack.push(target);
    if (stack.length > this.limit) stack.shift();
  }
}
