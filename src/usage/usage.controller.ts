import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { PeriodQueryDto, UsageDto } from './dto/usage.dto.js';
import { UsageReportService } from './usage-report.service.js';

@ApiTags('usage')
@Controller('usage')
export class UsageController {
  constructor(private readonly usage: UsageReportService) {}

  @Get()
  @Auth({ scopes: ['usage:read'] })
  @ApiOperation({
    operationId: 'getUsage',
    summary: 'Usage of the period against the plan (SPEC §7), `?period=YYYY-MM` for past months.',
  })
  @ApiOkResponse({ type: UsageDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  get(@CurrentCaller() caller: Caller, @Query() query: PeriodQueryDto): Promise<UsageDto> {
    return this.usage.usage(caller.principal.tenantId, query.period);
  }
}
