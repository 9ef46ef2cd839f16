import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, type JobContext } from '../jobs/job-queue.service.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { MailDeliveryError, MailService, type MailReceipt } from '../mail/mail.service.js';
import { openInvitationToken, sealInvitationToken } from './invitation-token.js';
import { InvitationsRepository, type InvitationMailRow } from '../tenancy/invitations.repository.js';

export const INVITATION_MAIL_QUEUE = 'invitation-mail';
/** Transient failures (connection refused, timeouts, 4xx) are retried: 30 s, 1, 2, 4, 8 min. */
const MAX_ATTEMPTS = 6;

interface MailJobPayload {
  invitation_id: string;
  tenant_id: string;
  /** The raw token, sealed (see invitation-token.ts); removed once the job is done. */
  sealed_token?: string;
}

type Outcome =
  | { status: 'sent'; receipt: MailReceipt; attempt: number }
  | { status: 'failed'; error: string; attempt: number; permanent: boolean };

/**
 * Sends invitation mails from the durable job queue, so `POST /team/invitations` answers at once
 * whatever the mail server does. Each job moves its invitation's `email_dispatch_status` from
 * `queued` to `sent` or `failed` exactly once (audited `invitation.email_sent` / `invitation.email_failed`);
 * a redelivered job finds it settled and does nothing.
 */
@Injectable()
export class InvitationMailer implements OnModuleInit {
  private readonly logger = new Logger('InvitationMailer');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly invitations: InvitationsRepository,
    private readonly jobs: JobsRepository,
  ) {}

  onModuleInit(): void {
    this.queue.work(INVITATION_MAIL_QUEUE, (payload, context) => this.deliver(payload, context), {
      concurrency: 4,
      // Longer than one bounded SMTP attempt (mail.service.ts), so a live attempt keeps its lease.
      leaseSeconds: 120,
      backoffBaseSeconds: 30,
      backoffMaxSeconds: 30 * 60,
      // Safety net (e.g. a worker died during the last attempt): the handler settles failures itself.
      onExhausted: (payload, error, manager) =>
        this.settle(manager, payload as unknown as MailJobPayload, null, {
          status: 'failed',
          error: error.message,
          attempt: MAX_ATTEMPTS,
          permanent: false,
        }),
    });
  }

  /** Enqueues the mail in the caller's transaction (the invitation row and its job commit together). */
  async enqueue(
    manager: EntityManager,
    tenantId: string,
    invitationId: string,
    token: string,
  ): Promise<void> {
    const payload: MailJobPayload = {
      invitation_id: invitationId,
      tenant_id: tenantId,
      sealed_token: sealInvitationToken(this.config.jwtSecret, invitationId, token),
    };
    await this.queue.enqueue(INVITATION_MAIL_QUEUE, { ...payload }, { manager, maxAttempts: MAX_ATTEMPTS });
  }

  /** After the enqueuing transaction committed: look for the job now rather than at the next poll. */
  wake(): void {
    this.queue.wake();
  }

  acceptLink(token: string): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`;
  }

  private async deliver(raw: Record<string, unknown>, context: JobContext): Promise<void> {
    const payload = raw as unknown as MailJobPayload;
    const row = await this.invitations.mailViewForWorker(
      this.dataSource,
      payload.tenant_id,
      payload.invitation_id,
    );
    // Gone with its tenant, or settled by an earlier delivery of this job.
    if (!row || row.email_dispatch_status !== 'queued') return;
    const settle = (outcome: Outcome) =>
      this.dataSource.transaction((manager) => this.settle(manager, payload, context.id, outcome));
    const attempt = context.attempt;

    if (row.status !== 'pending' || row.expired) {
      // Revoked or replaced before the mail went out: do not send a link that no longer works.
      return settle({
        status: 'failed',
        error: `not sent: the invitation is ${row.expired && row.status === 'pending' ? 'expired' : row.status}`,
        attempt,
        permanent: true,
      });
    }
    const token = payload.sealed_token
      ? openInvitationToken(this.config.jwtSecret, payload.invitation_id, payload.sealed_token)
      : null;
    if (!token) {
      return settle({
        status: 'failed',
        error: 'not sent: the sealed token cannot be opened (was JWT_SECRET changed?)',
        attempt,
        permanent: true,
      });
    }

    let receipt: MailReceipt;
    try {
      receipt = await this.mail.send(this.compose(row, token), { signal: context.signal });
    } catch (error) {
      if (context.signal.aborted) throw error; // shutdown: the queue gives the attempt back
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailDeliveryError && error.permanent;
      if (permanent || attempt >= context.maxAttempts) {
        return settle({ status: 'failed', error: message, attempt, permanent });
      }
      this.logger.warn(
        `invitation ${payload.invitation_id}: mail attempt ${attempt} failed, will retry: ${message}`,
      );
      throw error;
    }
    await settle({ status: 'sent', receipt, attempt });
  }

  private compose(row: InvitationMailRow, token: string) {
    const inviter = row.inviter_email
      ? row.inviter_name
        ? `${row.inviter_name} (${row.inviter_email})`
        : row.inviter_email
      : 'An administrator';
    const article = /^[aeiou]/.test(row.role) ? 'an' : 'a';
    return {
      to: row.email,
      subject: `You are invited to join ${row.tenant_name} on Cistern`,
      text: [
        'Hello,',
        '',
        `${inviter} invited you to join "${row.tenant_name}" on Cistern as ${article} ${row.role}.`,
        '',
        `Accept the invitation: ${this.acceptLink(token)}`,
        '',
        `Sign in (or sign up) as ${row.email} first. The link works once and expires at ${row.expires_at.toISOString()}.`,
        '',
        'If you did not expect this invitation, you can ignore this mail.',
      ].join('\n'),
    };
  }

  /** Records the outcome once (conditional update), audits it and drops the sealed token from the job. */
  private async settle(
    manager: EntityManager,
    payload: MailJobPayload,
    jobId: string | null,
    outcome: Outcome,
  ): Promise<void> {
    const email = await this.invitations.settleDispatchForWorker(
      manager,
      payload.tenant_id,
      payload.invitation_id,
      outcome.status,
    );
    if (jobId) {
      await this.jobs.dropPayloadField(manager, jobId, 'sealed_token');
    } else {
      await this.jobs.dropPayloadFieldWhere(
        manager,
        INVITATION_MAIL_QUEUE,
        { key: 'invitation_id', value: payload.invitation_id },
        'sealed_token',
      );
    }
    if (email === null) return;
    if (outcome.status === 'failed') {
      this.logger.warn(`invitation ${payload.invitation_id}: mail not delivered: ${outcome.error}`);
    }
    await this.audit.record(
      {
        tenantId: payload.tenant_id,
        action: outcome.status === 'sent' ? 'invitation.email_sent' : 'invitation.email_failed',
        actor: { type: 'system', id: null },
        target: { type: 'invitation', id: payload.invitation_id },
        metadata:
          outcome.status === 'sent'
            ? {
                email,
                transport: outcome.receipt.transport,
                message_id: outcome.receipt.messageId,
                attempts: outcome.attempt,
              }
            : {
                email,
                error: outcome.error,
                attempts: outcome.attempt,
                permanent: outcome.permanent,
              },
      },
      manager,
    );
  }
}
