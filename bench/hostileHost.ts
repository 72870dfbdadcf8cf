/**
 * Runs inside the real extension host (loaded as extensionTestsPath by bench/hostRunner.ts): the
 * worst crafted project file at each cap, parsed by the extension's own parsers (bench/hostile.ts).
 * Prints one `LP_BENCH {json}` line per figure.
 */
import { hostileFigures } from './hostile';

export async function run(): Promise<void> {
  for (const f of await hostileFigures('extension host')) console.log(`LP_BENCH ${JSON.stringify(f)}`);
}
