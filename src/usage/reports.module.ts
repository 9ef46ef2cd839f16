import { Module } from '@nestjs/common';
import { AnalyticsReportService } from '../analytics/analytics-report.service.js';
import { AnalyticsController } from '../analytics/analytics.controller.js';
import { CollectionsModule } from '../collections/collections.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { UsageReportService } from './usage-report.service.js';
import { UsageController } from './usage.controller.js';

/** Usage and analytics reports: read the metering counters and the collections (rules §7). */
@Module({
  imports: [CollectionsModule, TenancyModule],
  controllers: [UsageController, AnalyticsController],
  providers: [UsageReportService, AnalyticsReportService],
  exports: [UsageReportService, AnalyticsReportService],
})
export class ReportsModule {}
