import type { SimulationReport } from '../../engine';
import type { CrashReport } from './crash-rows';

type Section = Pick<
  SimulationReport,
  'strategy' | 'checkpointMode' | 'checkpoint' | 'crashes' | 'failOpenExposure'
>;

/** The checkpoint part of ftp-crash's report (see `npm run sim -- --scenario ftp-crash --json`). */
export function checkpointSection(overrides: Partial<Section> = {}): Section {
  return {
    strategy: 'unique-id',
    checkpointMode: 'sync',
    checkpoint: {
      writes: 584,
      bytes: 42_369,
      deletes: 0,
      refused: 0,
      lostInQueue: 0,
      recordsLive: 127,
      bytesLive: 8_319,
      byArea: {
        base: { records: 63, bytes: 3_414 },
        tcp: { records: 62, bytes: 4_836 },
        udp: { records: 1, bytes: 25 },
        icmp: { records: 0, bytes: 0 },
        ftp: { records: 1, bytes: 44 },
        sip: { records: 0, bytes: 0 },
      },
      timeUs: 6_424,
      addedLatencyUs: 6_914,
      heldPackets: 516,
    },
    crashes: [crash({})],
    failOpenExposure: 0,
    ...overrides,
  };
}

export function crash(overrides: Partial<CrashReport>): CrashReport {
  return {
    atUs: 800_000,
    restartedAtUs: 1_050_000,
    recoveredAtUs: 1_050_472,
    connectionsBefore: 20,
    recovered: 20,
    lost: 0,
    orphans: 0,
    corrupt: 0,
    mismatches: 0,
    records: 41,
    partsByModule: { tcp: 19, udp: 1, icmp: 0, ftp: 1, sip: 0 },
    incomplete: 0,
    discarded: 0,
    ...overrides,
  };
}
