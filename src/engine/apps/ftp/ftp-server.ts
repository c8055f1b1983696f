import type { Host } from '../../net/host';
import type { RetransmissionCounter, TcpHandler, TcpSocket } from '../../net/tcp/socket';
import type { SessionDirectory } from '../session-directory';
import { DataChannel } from './data-channel';
import { FileReceiver, FileSender } from './file-transfer';
import { FTP_CONTROL_PORT, FTP_DATA_PORT, type FtpTransfer } from './ftp-transfer';
import {
  epsvReply,
  parseEprtArgument,
  parseHostPort,
  pasvReply,
  splitCommand,
  type HostPort,
} from '../../protocols/ftp-text';
import { encodeLine, LineReader } from '../line-reader';

/** Where a session with no transfer of its own counts its data connection's retransmissions. */
const UNCOUNTED: RetransmissionCounter = { countRetransmission() {} };

/** What the server needs from the simulation around it. */
export interface FtpEnvironment {
  nowUs(): number;
  /** Records a command or reply line in the trace. */
  message(host: string, flow: string, text: string): void;
}

/**
 * An FTP server (RFC 959 with the RFC 2428 extensions) on port 21 of a host: USER, PASS, TYPE,
 * PASV, EPSV, PORT, EPRT, RETR, STOR, SYST, NOOP, QUIT. Files are those of the FTP transfers
 * registered for the connecting client.
 */
export class FtpServer {
  constructor(
    readonly host: Host,
    readonly sessions: SessionDirectory<FtpTransfer>,
    readonly env: FtpEnvironment,
  ) {
    host.tcp.listen(FTP_CONTROL_PORT, (s) => new FtpServerSession(this, s));
  }
}

class FtpServerSession implements TcpHandler {
  private readonly lines = new LineReader((line) => this.command(line));
  private readonly transfer: FtpTransfer | undefined;
  private readonly label: string;
  private dataChannel: DataChannel | null = null;
  private activeTarget: HostPort | null = null;
  private passivePort = -1;

  constructor(
    private readonly server: FtpServer,
    private readonly control: TcpSocket,
  ) {
    this.transfer = server.sessions.get(control.remoteAddr, control.remotePort);
    this.label = this.transfer?.label ?? 'ftp';
  }

  connected(): void {
    this.transfer?.control.start(this.now());
    this.reply('220 Checkpoint Router FTP server ready.');
  }

  data(_s: TcpSocket, bytes: Uint8Array, offset: number, length: number): void {
    this.transfer?.control.progress(length, this.now());
    this.lines.push(bytes, offset, length);
  }

  peerClosed(s: TcpSocket): void {
    s.close();
  }

  aborted(_s: TcpSocket, reason: string): void {
    this.transfer?.control.abort(this.now(), reason);
    this.closePassive();
  }

  private command(line: string): void {
    this.server.env.message(
      this.server.host.name,
      this.label,
      line.startsWith('PASS ') ? 'PASS ****' : line,
    );
    const { verb, argument } = splitCommand(line);
    switch (verb) {
      case 'USER':
        return this.reply('331 Please specify the password.');
      case 'PASS':
        return this.reply('230 Login successful.');
      case 'SYST':
        return this.reply('215 UNIX Type: L8');
      case 'TYPE':
        return this.reply(
          argument.toUpperCase() === 'A'
            ? '200 Switching to ASCII mode.'
            : '200 Switching to Binary mode.',
        );
      case 'NOOP':
        return this.reply('200 NOOP ok.');
      case 'PASV':
      case 'EPSV':
        return this.openPassive(verb);
      case 'PORT':
      case 'EPRT':
        return this.setActive(verb, argument);
      case 'RETR':
      case 'STOR':
        return this.startTransfer(verb, argument);
      case 'QUIT':
        this.reply('221 Goodbye.');
        this.control.close();
        return;
      default:
        return this.reply('502 Command not implemented.');
    }
  }

  private openPassive(verb: 'PASV' | 'EPSV'): void {
    this.closePassive();
    const tcp = this.server.host.tcp;
    const port = tcp.ephemeralPort();
    const channel = new DataChannel(this.transfer?.data ?? UNCOUNTED, () => this.dataUp());
    tcp.listen(port, (s) => {
      // Only the client of this session may connect (vsftpd's pasv_promiscuous=NO).
      if (s.remoteAddr !== this.control.remoteAddr) {
        s.abort('data connection from a foreign address');
        return {};
      }
      this.closePassive();
      return channel;
    });
    this.passivePort = port;
    this.dataChannel = channel;
    this.activeTarget = null;
    const address = this.server.host.address;
    this.reply(verb === 'PASV' ? pasvReply({ address, port }) : epsvReply(port));
  }

  private setActive(verb: 'PORT' | 'EPRT', argument: string): void {
    const target = verb === 'PORT' ? parseHostPort(argument) : parseEprtArgument(argument);
    if (target === null) return this.reply(`501 Illegal ${verb} command.`);
    // Refuse to connect to a third party (the FTP bounce attack), as vsftpd does.
    if (target.address !== this.control.remoteAddr) return this.reply('500 Illegal PORT command.');
    this.closePassive();
    this.activeTarget = target;
    this.dataChannel = null;
    this.reply(
      `200 ${verb} command successful. Consider using ${verb === 'PORT' ? 'PASV' : 'EPSV'}.`,
    );
  }

  private startTransfer(verb: 'RETR' | 'STOR', name: string): void {
    const transfer = this.transfer;
    if (transfer === undefined || name !== transfer.file.name)
      return this.reply('550 Failed to open file.');
    if (this.dataChannel === null && this.activeTarget === null)
      return this.reply('425 Use PORT or PASV first.');
    const now = () => this.now();
    const done = (ok: boolean) =>
      this.reply(ok ? '226 Transfer complete.' : '426 Failure writing network stream.');
    const role =
      verb === 'RETR'
        ? new FileSender(transfer.file, transfer.data, now, done)
        : new FileReceiver(transfer.data, now, done);
    if (this.activeTarget !== null) {
      const { address, port } = this.activeTarget;
      this.dataChannel = new DataChannel(transfer.data, () => this.dataUp());
      this.server.host.tcp.connect(address, port, this.dataChannel, FTP_DATA_PORT).counter =
        transfer.data;
      this.activeTarget = null;
    }
    (this.dataChannel as DataChannel).assign(role);
  }

  private dataUp(): void {
    const t = this.transfer as FtpTransfer;
    const what =
      t.config.command === 'RETR' ? `${t.file.name} (${t.file.size} bytes)` : t.file.name;
    this.reply(`150 Opening BINARY mode data connection for ${what}.`);
  }

  private closePassive(): void {
    if (this.passivePort >= 0) this.server.host.tcp.unlisten(this.passivePort);
    this.passivePort = -1;
  }

  private reply(text: string): void {
    this.server.env.message(this.server.host.name, this.label, text);
    const bytes = encodeLine(text);
    this.control.write(bytes, 0, bytes.length);
  }

  private now(): number {
    return this.server.env.nowUs();
  }
}
