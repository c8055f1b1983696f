import type { Host } from '../../net/host';
import type { TcpHandler, TcpSocket } from '../../net/tcp/socket';
import type { AppTimers, TimedApp } from '../app-timers';
import { encodeLine, LineReader } from '../line-reader';
import type { SessionDirectory } from '../session-directory';
import { DataChannel } from './data-channel';
import { FileReceiver, FileSender } from './file-transfer';
import type { FtpEnvironment } from './ftp-server';
import { FTP_CONTROL_PORT, type FtpTransfer } from './ftp-transfer';
import {
  eprtArgument,
  parseEpsvReply,
  parsePasvReply,
  replyCode,
  formatHostPort,
} from '../../protocols/ftp-text';

type Step = 'greeting' | 'user' | 'pass' | 'type' | 'pasv' | 'port' | 'transfer' | 'quit' | 'done';

/**
 * An FTP client that logs in, sets binary mode, opens the data connection in passive
 * (PASV/EPSV) or active (PORT/EPRT) mode, transfers one file with RETR or STOR, and quits —
 * speaking the ASCII protocol over its control connection like any command-line client.
 */
export class FtpClient implements TimedApp, TcpHandler {
  private readonly lines = new LineReader((line) => this.onReply(line));
  private control: TcpSocket | null = null;
  private dataChannel: DataChannel | null = null;
  private step: Step = 'greeting';
  private serverDone = false;
  private dataDone = false;
  private activePort = -1;
  /** A STOR's sender, waiting for the server's 150. */
  private upload: FileSender | null = null;

  constructor(
    private readonly host: Host,
    private readonly serverAddr: number,
    private readonly transfer: FtpTransfer,
    private readonly sessions: SessionDirectory<FtpTransfer>,
    private readonly env: FtpEnvironment,
    timers: AppTimers,
  ) {
    timers.at(timers.add(this), transfer.config.startUs, 0);
  }

  onTimer(): void {
    this.transfer.control.start(this.env.nowUs());
    this.control = this.host.tcp.connect(this.serverAddr, FTP_CONTROL_PORT, this);
    this.sessions.set(this.host.address, this.control.localPort, this.transfer);
    this.control.counter = this.transfer.control;
  }

  data(_s: TcpSocket, bytes: Uint8Array, offset: number, length: number): void {
    this.transfer.control.progress(length, this.env.nowUs());
    this.lines.push(bytes, offset, length);
  }

  peerClosed(s: TcpSocket): void {
    s.close();
    if (this.step !== 'done') this.giveUp('server closed the control connection');
  }

  aborted(_s: TcpSocket, reason: string): void {
    const now = this.env.nowUs();
    this.transfer.control.abort(now, reason);
    this.transfer.data.abort(now, `control connection lost: ${reason}`);
  }

  private onReply(line: string): void {
    this.env.message(this.host.name, this.transfer.label, line);
    const reply = replyCode(line);
    if (reply === null || !reply.final) return; // continuation lines of a multi-line reply
    const { code } = reply;
    if (code >= 400) return this.onError(`server replied: ${line}`);
    switch (this.step) {
      case 'greeting':
        if (code === 220) this.send('USER anonymous', 'user');
        return;
      case 'user':
        if (code === 230) this.send('TYPE I', 'type');
        else if (code === 331) this.send('PASS guest@example.org', 'pass');
        return;
      case 'pass':
        if (code === 230) this.send('TYPE I', 'type');
        return;
      case 'type':
        return this.openData();
      case 'pasv':
        return this.connectPassive(line);
      case 'port':
        return this.requestFile();
      case 'transfer':
        if (code === 150 && this.upload !== null) {
          (this.dataChannel as DataChannel).assign(this.upload);
          this.upload = null;
        }
        if (code === 226) {
          this.serverDone = true;
          this.quitWhenDone();
        }
        return;
      case 'quit':
        if (code === 221) {
          this.step = 'done';
          this.transfer.control.complete(this.env.nowUs());
          this.control?.close();
        }
        return;
    }
  }

  private openData(): void {
    const { mode, extended } = this.transfer.config;
    this.dataChannel = new DataChannel(this.transfer.data, () => {});
    if (mode === 'passive') return this.send(extended ? 'EPSV' : 'PASV', 'pasv');
    const tcp = this.host.tcp;
    const port = tcp.ephemeralPort();
    const channel = this.dataChannel;
    tcp.listen(port, () => {
      tcp.unlisten(port);
      this.activePort = -1;
      return channel;
    });
    this.activePort = port;
    const hp = { address: this.host.address, port };
    this.send(extended ? `EPRT ${eprtArgument(hp)}` : `PORT ${formatHostPort(hp)}`, 'port');
  }

  private connectPassive(line: string): void {
    const announced = this.transfer.config.extended
      ? { address: this.serverAddr, port: parseEpsvReply(line) }
      : parsePasvReply(line);
    if (announced === null || announced.port === null)
      return this.onError(`unreadable reply: ${line}`);
    const socket = this.host.tcp.connect(
      announced.address,
      announced.port,
      this.dataChannel as DataChannel,
    );
    socket.counter = this.transfer.data;
    this.requestFile();
  }

  private requestFile(): void {
    const { command } = this.transfer.config;
    const now = () => this.env.nowUs();
    const done = (ok: boolean, reason: string) => {
      this.dataDone = ok;
      if (ok) this.quitWhenDone();
      else this.onError(`data connection failed: ${reason}`);
    };
    const flow = this.transfer.data;
    flow.start(now());
    // A download is received as soon as it comes; an upload starts once the server says 150.
    if (command === 'RETR')
      (this.dataChannel as DataChannel).assign(new FileReceiver(flow, now, done));
    else this.upload = new FileSender(this.transfer.file, flow, now, done);
    this.send(`${command} ${this.transfer.file.name}`, 'transfer');
  }

  private quitWhenDone(): void {
    if (this.serverDone && this.dataDone && this.step === 'transfer') this.send('QUIT', 'quit');
  }

  private onError(text: string): void {
    this.giveUp(text);
    if (this.step !== 'quit' && this.step !== 'done') this.send('QUIT', 'quit');
  }

  private giveUp(reason: string): void {
    const now = this.env.nowUs();
    this.transfer.data.fail(now, reason);
    this.transfer.control.fail(now, reason);
    if (this.activePort >= 0) this.host.tcp.unlisten(this.activePort);
    this.activePort = -1;
  }

  private send(command: string, next: Step): void {
    this.env.message(
      this.host.name,
      this.transfer.label,
      command.startsWith('PASS ') ? 'PASS ****' : command,
    );
    this.step = next;
    const bytes = encodeLine(command);
    this.control?.write(bytes, 0, bytes.length);
  }
}
