/**
 * The real captures shipped under public/samples/ (README.md there says how each was made),
 * offered in the scenario picker as replays. Fetched when chosen, never bundled.
 */
export interface CaptureSample {
  /** The scenario picker's value and the link's `scenario` is `sample:` + this. */
  readonly name: string;
  readonly file: string;
  readonly description: string;
}

export const CAPTURE_SAMPLES: readonly CaptureSample[] = [
  {
    name: 'ftp-passive',
    file: 'ftp-passive.pcap',
    description: 'FTP download, passive (curl, EPSV)',
  },
  {
    name: 'ftp-active',
    file: 'ftp-active.pcapng',
    description: 'FTP download, active (curl, EPRT)',
  },
  {
    name: 'ftp-pasv-ftplib',
    file: 'ftp-pasv-ftplib.pcap',
    description: 'FTP download, PASV (Python ftplib)',
  },
  {
    name: 'ftp-port-ftplib',
    file: 'ftp-port-ftplib.pcapng',
    description: 'FTP download, PORT (Python ftplib)',
  },
  {
    name: 'http-curl-cooked',
    file: 'http-curl-cooked.pcap',
    description: 'HTTP download, Linux cooked capture',
  },
  {
    name: 'http-curl-sll2',
    file: 'http-curl-sll2.pcap',
    description: 'HTTP download, Linux cooked v2',
  },
  {
    name: 'rawip-tunnel',
    file: 'rawip-tunnel.pcap',
    description: 'pings through a tunnel, raw IP',
  },
  {
    name: 'mixed-ping-arp',
    file: 'mixed-ping-arp.pcapng',
    description: 'ping, ARP and IPv6, two interfaces',
  },
];

export const SAMPLE_PREFIX = 'sample:';
export const FILE_PREFIX = 'file:';

export function sampleNamed(key: string): CaptureSample | undefined {
  if (!key.startsWith(SAMPLE_PREFIX)) return undefined;
  const name = key.slice(SAMPLE_PREFIX.length);
  return CAPTURE_SAMPLES.find((s) => s.name === name);
}

/** A scenario picker value naming a capture replay (a sample, or a file the user loaded). */
export function isCaptureKey(key: string): boolean {
  return key.startsWith(SAMPLE_PREFIX) || key.startsWith(FILE_PREFIX);
}
