import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { PeriodQueryDto } from './dto/usage.dto.js';
import { ANALYTICS_DOCS } from './analytics-docs.js';
import { AnalyticsReportService } from './analytics-report.service.js';
import { AnalyticsDto } from './dto/analytics.dto.js';

@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsReportService) {}

  @Get()
  @Auth({ scopes: ['usage:read'] })
  @DocumentedOperation('getAnalytics', ANALYTICS_DOCS.getAnalytics)
  @ApiOkResponse({ type: AnalyticsDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  get(@CurrentCaller() caller: Caller, @Query() query: PeriodQueryDto): Promise<AnalyticsDto> {
    return this.analytics.analytics(caller.principal.tenantId, query.period);
  }
}
