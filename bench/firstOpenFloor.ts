import { firstOpen } from './firstOpen';

/** extensionTestsPath entry: the floor's first open (an empty webview) in a fresh session. */
export const run = (): Promise<void> => firstOpen('floor');
