import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type NodemailerError, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface MailReceipt {
  /** `smtp`: accepted by the SMTP server; `log`: no SMTP_URL, written to the log instead. */
  transport: 'smtp' | 'log';
  messageId: string | null;
}

/** A send that failed. `permanent`: the server refused the message for good (5xx), retrying is pointless. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/**
 * Bounds of one SMTP attempt, so that a stalled server fails the attempt instead of holding a worker
 * forever (nodemailer's defaults are 2 min to connect and 10 min of socket inactivity). Query
 * parameters of SMTP_URL (e.g. `?greetingTimeout=20000`) override them.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
  dnsTimeout: 10_000,
} as const;
/** Hard cap of one attempt, whatever the server trickles. */
export const SMTP_ATTEMPT_TIMEOUT_MS = 60_000;

function senderAddress(publicBaseUrl: string): string {
  const host = new URL(publicBaseUrl).hostname;
  return `Cistern <no-reply@${/[a-z]/i.test(host) && !host.includes(':') ? host : 'localhost'}>`;
}

/**
 * Outgoing mail (rules §8 SMTP_URL). With SMTP_URL, through nodemailer; without it, the message —
 * links included — is written to the log at info level and counts as delivered (development).
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter | null;
  readonly from: string;

  constructor(config: AppConfig) {
    this.from = senderAddress(config.PUBLIC_BASE_URL);
    this.transporter = config.SMTP_URL
      ? nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS })
      : null;
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  /** Sends one message; throws MailDeliveryError. `signal` cancels the attempt (shutdown). */
  async send(mail: OutgoingMail, options: { signal?: AbortSignal } = {}): Promise<MailReceipt> {
    if (!this.transporter) {
      this.logger.log({
        msg: 'mail (no SMTP_URL configured: written here instead)',
        from: this.from,
        ...mail,
      });
      return { transport: 'log', messageId: null };
    }
    const timeout = AbortSignal.timeout(SMTP_ATTEMPT_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const info = (await this.transporter.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        signal,
      })) as { messageId?: string };
      return { transport: 'smtp', messageId: info.messageId ?? null };
    } catch (error) {
      const e = error as NodemailerError;
      const reason = e.response ?? e.message ?? String(error);
      throw new MailDeliveryError(
        `${e.code ? `${e.code}: ` : ''}${reason}`.slice(0, 500),
        e.permanent === true ||
          (e.rejectedErrors !== undefined &&
            e.rejectedErrors.length > 0 &&
            e.rejectedErrors.every((r) => r.permanent === true)),
      );
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
