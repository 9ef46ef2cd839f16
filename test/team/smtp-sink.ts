import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

interface Stall {
  recipient: string;
  release: () => void;
  ended: boolean;
}

/**
 * A local SMTP server for the tests. By recipient:
 * - `stall-…@…`: the DATA phase hangs for `stallMs` (30 s), like an overloaded mail server;
 * - `reject-…@…`: every RCPT TO is refused with 550 (a permanent failure);
 * - anything else is accepted and kept in `mails`.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private readonly stalls: Stall[] = [];
  private readonly waiters: Array<() => void> = [];
  private server!: SMTPServer;
  url = '';

  constructor(private readonly stallMs = 30_000) {}

  static async start(stallMs?: number): Promise<SmtpSink> {
    const sink = new SmtpSink(stallMs);
    await sink.listen();
    return sink;
  }

  private async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        if (address.address.startsWith('reject-')) {
          const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => void this.receive(stream, session, callback),
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
  }

  private async receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const to = session.envelope.rcptTo.map((r) => r.address);
    const stalled = to.find((address) => address.startsWith('stall-'));
    if (stalled) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => stall.release(), this.stallMs);
        const stall: Stall = {
          recipient: stalled,
          ended: false,
          release: () => {
            clearTimeout(timer);
            stall.ended = true;
            resolve();
          },
        };
        this.stalls.push(stall);
        this.notify();
      });
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const split = raw.indexOf('\r\n\r\n');
    const headers = raw.slice(0, split);
    const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(headers)?.[1].replace(/\r\n[ \t]/g, ' ') ?? '';
    const text = decodeQuotedPrintable(raw.slice(split + 4), /quoted-printable/i.test(headers));
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    this.mails.push({ from, to, subject, text });
    this.notify();
    callback();
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `predicate` holds, re-checked whenever the sink changes. */
  async until<T>(predicate: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('SMTP sink: condition not met in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  mailTo(address: string): ReceivedMail | undefined {
    return this.mails.find((m) => m.to.includes(address));
  }

  stallOf(address: string): { ended: boolean } | undefined {
    return this.stalls.find((s) => s.recipient === address);
  }

  async close(): Promise<void> {
    for (const stall of this.stalls) if (!stall.ended) stall.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(body: string, encoded: boolean): string {
  if (!encoded) return body;
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** The token of the accept link in a mail or a log line. */
export function tokenFromText(text: string): string {
  const match = /\/invitations\/accept\?token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return decodeURIComponent(match[1]);
}
