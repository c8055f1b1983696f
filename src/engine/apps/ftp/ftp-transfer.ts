import type { FtpTraffic } from '../../scenarios/schema';
import type { FileContent } from '../file-content';
import type { Flow } from '../flow';

/** One FTP traffic item as both ends see it: what to transfer and the two flows it makes. */
export interface FtpTransfer {
  readonly config: FtpTraffic;
  readonly label: string;
  readonly file: FileContent;
  readonly control: Flow;
  readonly data: Flow;
}

export const FTP_CONTROL_PORT = 21;
/** Active mode: the server opens the data connection from port 20 (ftp-data). */
export const FTP_DATA_PORT = 20;
