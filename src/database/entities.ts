import { ApiKey } from '../api-keys/api-key.entity.js';
import { Environment } from '../api-keys/environment.entity.js';
import { Project } from '../api-keys/project.entity.js';
import { WebhookDelivery } from '../api-keys/webhook-delivery.entity.js';
import { KeyDailyUsage } from '../api-keys/key-daily-usage.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { CollectionWord } from '../collections/entities/collection-word.entity.js';
import { Collection } from '../collections/entities/collection.entity.js';
import { RecordSchema } from '../collections/entities/record-schema.entity.js';
import { RecordEntity } from '../collections/entities/record.entity.js';
import { UploadChunk } from '../collections/entities/upload-chunk.entity.js';
import { Upload } from '../collections/entities/upload.entity.js';
import { Job } from '../jobs/job.entity.js';
import { TenantMilestone } from '../tenancy/tenant-milestone.entity.js';
import { Invitation } from '../tenancy/invitation.entity.js';
import { LoginFailure } from '../tenancy/login-failure.entity.js';
import { Membership } from '../tenancy/membership.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { User } from '../tenancy/user.entity.js';
import { WebhookEndpoint } from '../webhook-endpoints/webhook-endpoint.entity.js';
import { WebhookEventDelivery } from '../webhook-endpoints/webhook-event-delivery.entity.js';
import { WebhookEventMark } from '../webhook-endpoints/webhook-event-mark.entity.js';
import { UsageOpenSearchCount, UsageSearchCount } from '../usage/usage-counters.entity.js';

/** Every entity, listed explicitly (globs are brittle under ESM and between src/ and dist/). */
export const ENTITIES = [
  TenantMilestone,
  Tenant,
  User,
  Membership,
  Invitation,
  LoginFailure,
  Project,
  Environment,
  ApiKey,
  KeyDailyUsage,
  WebhookDelivery,
  AuditEvent,
  Job,
  Collection,
  RecordSchema,
  Upload,
  UploadChunk,
  RecordEntity,
  CollectionWord,
  UsageSearchCount,
  UsageOpenSearchCount,
  WebhookEndpoint,
  WebhookEventDelivery,
  WebhookEventMark,
];
