import { Foundation1795366685163 } from './1795366685163-Foundation.js';
import { AuditAppendOnly1795366685164 } from './1795366685164-AuditAppendOnly.js';
import { Jobs1795367004942 } from './1795367004942-Jobs.js';
import { ApiKeys1795367883436 } from './1795367883436-ApiKeys.js';
import { Team1795368182880 } from './1795368182880-Team.js';
import { Collections1795372143572 } from './1795372143572-Collections.js';
import { CollectionsSearch1795372143573 } from './1795372143573-CollectionsSearch.js';
import { Milestones1795375420240 } from './1795375420240-Milestones.js';
import { SearchCache1795380000000 } from './1795380000000-SearchCache.js';
import { SchemaVersion1795390000000 } from './1795390000000-SchemaVersion.js';
import { TypoDistance1795390000001 } from './1795390000001-TypoDistance.js';
import { CollectionSearchIndex1795400000000 } from './1795400000000-CollectionSearchIndex.js';
import { SearchKeys1795410000000 } from './1795410000000-SearchKeys.js';
import { WebhookEndpoints1796417943699 } from './1796417943699-WebhookEndpoints.js';
import { TenantKeys1796429633587 } from './1796429633587-TenantKeys.js';
import { DetachedFailedUploads1796429816699 } from './1796429816699-DetachedFailedUploads.js';

/** Every migration, in order (listed explicitly: globs are brittle under ESM). */
export const MIGRATIONS: Function[] = [
  Foundation1795366685163,
  AuditAppendOnly1795366685164,
  Jobs1795367004942,
  ApiKeys1795367883436,
  Team1795368182880,
  Collections1795372143572,
  CollectionsSearch1795372143573,
  Milestones1795375420240,
  SearchCache1795380000000,
  SchemaVersion1795390000000,
  TypoDistance1795390000001,
  CollectionSearchIndex1795400000000,
  SearchKeys1795410000000,
  WebhookEndpoints1796417943699,
  TenantKeys1796429633587,
  DetachedFailedUploads1796429816699,
];
