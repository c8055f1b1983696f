import { spawnSync } from 'node:child_process';

/** Test helper: runs the real CLI as `npm run sim` does (tsx), returning its exit code and output. */
export function runCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
