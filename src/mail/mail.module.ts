import { Module } from '@nestjs/common';
import { MailService } from './mail.service.js';

/** Outgoing mail: nodemailer to SMTP_URL, or the log when it is unset. */
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
