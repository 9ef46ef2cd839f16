import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { AuditPageDto, AuditQueryDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth({ scopes: ['audit:read'], role: 'admin' })
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Audit events of the tenant, newest first, cursor-paged.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  list(@CurrentCaller() caller: Caller, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(caller.principal.tenantId, query);
  }
}
