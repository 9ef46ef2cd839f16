import { Module } from '@nestjs/common';
import { CollectionsModule } from '../collections/collections.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { AnalyticsReportService } from './analytics-report.service.js';
import { AnalyticsController } from './analytics.controller.js';
import { UsageReportService } from './usage-report.service.js';
import { UsageController } from './usage.controller.js';

/**
 * The reports (rules §7): GET /usage and GET /analytics, read from the metering counters and the
 * collections. Above collections and usage in the layering, so nothing below depends on a report.
 */
@Module({
  imports: [CollectionsModule, TenancyModule, UsageModule],
  controllers: [UsageController, AnalyticsController],
  providers: [UsageReportService, AnalyticsReportService],
  exports: [UsageReportService, AnalyticsReportService],
})
export class AnalyticsModule {}
