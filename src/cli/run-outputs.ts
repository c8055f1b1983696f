import { existsSync, statSync, unlinkSync } from 'node:fs';
import { PortCapture, type Simulation } from '../engine/index';
import { UsageError, type SimArgs } from './args';
import { openOutput, type OutputFile } from './output-file';

/** The files a run writes as it goes: its trace (--trace) and what crossed its ports (--pcap-out). */
export interface RunOutputs {
  /** Starts writing the run of `sim` (for a replay: its first run, not the one without crashes). */
  attach(sim: Simulation): void;
  /** Closes the files; when the run failed, removes them rather than leave half a file. */
  close(ok: boolean): void;
}

/**
 * Checks the output options against the router's ports and the input file, then opens the
 * files — all before the run, so a bad path fails at once and an input is never overwritten.
 */
export function openRunOutputs(args: SimArgs, portNames: readonly string[]): RunOutputs {
  const unknown = (args.pcapOutPorts ?? []).find((n) => !portNames.includes(n));
  if (unknown !== undefined) {
    throw new UsageError(
      `--pcap-out-port: no router port "${unknown}" (ports: ${portNames.join(', ')})`,
    );
  }
  const inputs = [args.pcapPath, args.rulesPath, args.scenario].filter(
    (p): p is string => p !== undefined && existsSync(p),
  );
  const paths = [args.tracePath, args.pcapOutPath].filter((p): p is string => p !== undefined);
  for (const path of paths) {
    const input = inputs.find((i) => sameFile(i, path));
    if (input !== undefined)
      throw new UsageError(`"${path}" is an input of this run: not overwriting it`);
  }
  const trace = args.tracePath === undefined ? null : openOutput(args.tracePath, 'trace file');
  const pcap = args.pcapOutPath === undefined ? null : openOutput(args.pcapOutPath, 'capture file');
  const files: Array<[string, OutputFile]> = [];
  if (trace !== null) files.push([args.tracePath as string, trace]);
  if (pcap !== null) files.push([args.pcapOutPath as string, pcap]);
  return {
    attach(sim) {
      if (trace !== null) sim.trace.subscribe((e) => trace.write(`${JSON.stringify(e)}\n`));
      if (pcap === null) return;
      const format = /\.pcap$/i.test(args.pcapOutPath ?? '') ? 'pcap' : 'pcapng';
      const baseUs = sim.replay?.injector.originUs ?? 0;
      sim.router.tap = new PortCapture(
        sim.router,
        sim.scheduler,
        { format, ports: args.pcapOutPorts, baseUs },
        (chunk) => pcap.write(chunk),
      );
    },
    close(ok) {
      for (const [path, file] of files) {
        file.close();
        if (!ok) unlinkSync(path);
      }
    },
  };
}

/** Whether two paths name one file (an existing input and an output about to be opened). */
function sameFile(input: string, output: string): boolean {
  if (!existsSync(output)) return false;
  const a = statSync(input);
  const b = statSync(output);
  return a.dev === b.dev && a.ino === b.ino;
}
