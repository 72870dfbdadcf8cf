// Types of scripts/apt-lock.mjs for the unit tests (test/unit/aptLock.test.ts).
export declare const DEFAULT_LOCK_WAIT_SECONDS: number;
export declare const RETRY_SECONDS: number;
export declare function lockProblem(output: string): { holder: string | undefined } | undefined;
export declare function lockWaitSeconds(env: Record<string, string | undefined>): number;
export interface AptRun {
  status: number;
  output: string;
}
export declare function runAptPatiently(
  args: string[],
  io: {
    run: (args: string[]) => Promise<AptRun> | AptRun;
    log: (line: string) => void;
    sleep: (ms: number) => Promise<void>;
    now: () => number;
    waitSeconds: number;
    retrySeconds?: number;
  },
): Promise<{ ok: true } | { ok: false; reason: string }>;
