import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AnalyticsReportService } from '../analytics/analytics-report.service.js';
import { ANALYTICS_DOCS } from '../analytics/analytics-docs.js';
import { AnalyticsDto } from '../analytics/dto/analytics.dto.js';
import { QuickstartDto } from '../tenancy/dto/quickstart.dto.js';
import { MilestonesService } from '../tenancy/milestones.service.js';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { ChangePlanDto, PeriodQueryDto, UsageDto } from '../analytics/dto/usage.dto.js';
import { USAGE_DOCS } from '../analytics/usage-docs.js';
import { UsageReportService } from '../analytics/usage-report.service.js';

@ApiTags('portal: usage')
@Controller('portal')
export class PortalUsageController {
  constructor(
    private readonly usage: UsageReportService,
    private readonly analytics: AnalyticsReportService,
    private readonly milestones: MilestonesService,
  ) {}

  @Get('usage')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('getPortalUsage', USAGE_DOCS.getUsage)
  @ApiOkResponse({ type: UsageDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  getUsage(@CurrentCaller() caller: Caller, @Query() query: PeriodQueryDto): Promise<UsageDto> {
    return this.usage.usage(caller.principal.tenantId, query.period);
  }

  @Put('plan')
  @Auth({ role: 'owner' })
  @ApiOperation({
    operationId: 'changePlan',
    summary: 'Change the plan (owner only; audited plan.changed); answers the usage on the new plan.',
    description:
      'Takes effect at once, limits included. A downgrade never deletes data: a tenant over the new record cap keeps its records but cannot add more.',
  })
  @ApiOkResponse({ type: UsageDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  changePlan(@CurrentCaller() caller: Caller, @Body() dto: ChangePlanDto): Promise<UsageDto> {
    return this.usage.changePlan(caller, dto.plan);
  }

  @Get('analytics')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('getPortalAnalytics', ANALYTICS_DOCS.getAnalytics)
  @ApiOkResponse({ type: AnalyticsDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  getAnalytics(@CurrentCaller() caller: Caller, @Query() query: PeriodQueryDto): Promise<AnalyticsDto> {
    return this.analytics.analytics(caller.principal.tenantId, query.period);
  }

  @Get('quickstart')
  @Auth({ role: 'viewer' })
  @ApiOperation({
    operationId: 'getQuickstart',
    summary: 'Onboarding steps, each completed by the real event, in order.',
  })
  @ApiOkResponse({ type: QuickstartDto })
  getQuickstart(@CurrentCaller() caller: Caller): Promise<QuickstartDto> {
    return this.milestones.quickstart(caller.principal.tenantId);
  }
}
