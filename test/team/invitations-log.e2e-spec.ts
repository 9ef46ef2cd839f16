import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../src/mail/mail.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { signup, type TestAccount } from '../support/factories.js';
import { bearer, outcome } from '../support/http.js';
import { auditOf, invitationById } from './helpers.js';
import { tokenFromText } from './smtp-sink.js';
import { until } from '../support/until.js';

describe('invitation mail without SMTP_URL (written to the log)', () => {
  let t: TestApp;
  let owner: TestAccount;
  const logged: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    t = await startApp({ env: { SMTP_URL: '', PUBLIC_BASE_URL: 'http://localhost:3000/' } });
    owner = await signup(t);
    // Observe what the mail service logs (pino writes straight to fd 1, so listen at the source).
    const logger = (t.app.get(MailService) as unknown as { logger: { log: (m: unknown) => void } }).logger;
    const original = logger.log.bind(logger);
    logger.log = (message: unknown) => {
      if (message && typeof message === 'object') logged.push(message as Record<string, unknown>);
      original(message);
    };
  });
  afterAll(() => t.close());

  it('logs the mail with its link at info level, counts it as sent, and the link joins the tenant', async () => {
    const invitee = await signup(t);
    const res = await t.api.POST('/api/v1/team/invitations', {
      headers: bearer(owner.token),
      body: { email: invitee.email, role: 'viewer' },
    });
    expect(outcome(res)).toMatchObject({ status: 201, body: { email_dispatch_status: 'queued' } });
    const invitationId = res.data!.invitation_id;
    await until(
      async () => (await invitationById(t, owner.token, invitationId)).email_dispatch_status === 'sent',
    );
    const entry = logged.find((m) => m.to === invitee.email)!;
    expect(entry).toBeDefined();
    expect(entry.text).toContain('http://localhost:3000/invitations/accept?token=');
    const [event] = await auditOf(t, owner.token, 'invitation.email_sent', {
      target_id: invitationId,
    });
    expect(event.metadata).toMatchObject({ transport: 'log', email: invitee.email });

    const joined = await t.api.POST('/api/v1/portal/invitations/accept', {
      headers: bearer(invitee.token),
      body: { token: tokenFromText(String(entry.text)) },
    });
    expect(outcome(joined)).toMatchObject({
      status: 200,
      body: { tenant_id: owner.tenantId, role: 'viewer' },
    });
  });
});
