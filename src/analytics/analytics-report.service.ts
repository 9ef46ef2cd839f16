import { Injectable } from '@nestjs/common';
import { CollectionsService } from '../collections/collections.service.js';
import type { TenantId } from '../common/tenant-id.js';
import { MeteringService, periodOf } from '../usage/metering.service.js';
import type { AnalyticsDto } from './dto/analytics.dto.js';

/** rules §7 analytics: open searches per collection in a period, with record counts. */
@Injectable()
export class AnalyticsReportService {
  constructor(
    private readonly metering: MeteringService,
    private readonly collections: CollectionsService,
  ) {}

  async analytics(tenantId: TenantId, period: string = periodOf()): Promise<AnalyticsDto> {
    await this.metering.flush();
    const [counts, rows] = await Promise.all([
      this.metering.read(tenantId, period),
      this.collections.analytics(tenantId),
    ]);
    const open = new Map(counts.openSearches.map((c) => [c.collection, c.openSearches]));
    return {
      tenant_id: tenantId,
      period,
      total_open_searches: counts.totalOpenSearches,
      collections: rows.map((row) => ({
        collection: row.collection,
        record_count: row.record_count,
        public_count: row.public_count,
        open_searches: open.get(row.collection) ?? 0,
        last_updated: row.last_updated.toISOString(),
      })),
    };
  }
}
