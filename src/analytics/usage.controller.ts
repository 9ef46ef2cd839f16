import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { PeriodQueryDto, UsageDto } from './dto/usage.dto.js';
import { USAGE_DOCS } from './usage-docs.js';
import { UsageReportService } from './usage-report.service.js';

@ApiTags('usage')
@Controller('usage')
export class UsageController {
  constructor(private readonly usage: UsageReportService) {}

  @Get()
  @Auth({ scopes: ['usage:read'] })
  @DocumentedOperation('getUsage', USAGE_DOCS.getUsage)
  @ApiOkResponse({ type: UsageDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  get(@CurrentCaller() caller: Caller, @Query() query: PeriodQueryDto): Promise<UsageDto> {
    return this.usage.usage(caller.principal.tenantId, query.period);
  }
}
