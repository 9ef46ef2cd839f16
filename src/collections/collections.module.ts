import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { WebhookEndpointsModule } from '../webhook-endpoints/webhook-endpoints.module.js';
import { CollectionWordsRepository } from './collection-words.repository.js';
import { CollectionsController } from './collections.controller.js';
import { CollectionsRepository } from './collections.repository.js';
import { CollectionsService } from './collections.service.js';
import { EntitiesController } from './entities.controller.js';
import { ExportService } from './export.service.js';
import { OpenSearchRateLimitGuard } from './open-search-rate-limit.guard.js';
import { RecordQuota } from './record-quota.service.js';
import { RecordSchemasRepository } from './record-schemas.repository.js';
import { RecordsRepository } from './records.repository.js';
import { RecordsService } from './records.service.js';
import { ReindexService } from './reindex.service.js';
import { SchemasController } from './schemas.controller.js';
import { SearchController } from './search.controller.js';
import { SearchRateLimitGuard } from './search-rate-limit.guard.js';
import { SearchCache } from './search-cache.js';
import { SearchIndex } from './search-index/search-index.service.js';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';
import { UploadProcessor } from './upload/upload-processor.service.js';
import { UploadsService } from './upload/uploads.service.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';

/** rules §5: collections, schemas, records, the upload pipeline, search, open search, export, reindex. */
@Module({
  imports: [TenancyModule, UsageModule, WebhookEndpointsModule],
  controllers: [
    SchemasController,
    EntitiesController,
    UploadsController,
    SearchController,
    CollectionsController,
  ],
  providers: [
    CollectionsRepository,
    RecordSchemasRepository,
    CollectionWordsRepository,
    RecordsRepository,
    UploadsRepository,
    SearchRepository,
    SearchCache,
    SearchIndex,
    CollectionsService,
    RecordsService,
    RecordQuota,
    UploadsService,
    UploadProcessor,
    SearchService,
    ExportService,
    ReindexService,
    OpenSearchRateLimitGuard,
    SearchRateLimitGuard,
  ],
  exports: [CollectionsService, RecordsService, UploadsService, SearchService, ExportService, ReindexService],
})
export class CollectionsModule {}
