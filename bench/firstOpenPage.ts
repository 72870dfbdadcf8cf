import { firstOpen } from './firstOpen';

/** extensionTestsPath entry: the skill page's first open in a fresh session. */
export const run = (): Promise<void> => firstOpen('page');
