import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { SecuritySettingsDto, UpdateSecuritySettingsDto } from './dto/security-settings.dto.js';
import { SecuritySettingsService } from './security-settings.service.js';

@ApiTags('settings')
@Controller('settings/security')
export class SecuritySettingsController {
  constructor(private readonly settings: SecuritySettingsService) {}

  @Get()
  @Auth({ scopes: ['admin'], role: 'viewer' })
  @ApiOperation({ operationId: 'getSecuritySettings', summary: 'Security settings of the tenant.' })
  @ApiOkResponse({ type: SecuritySettingsDto })
  get(@CurrentCaller() caller: Caller): Promise<SecuritySettingsDto> {
    return this.settings.get(caller.principal.tenantId);
  }

  @Patch()
  @Auth({ role: 'admin', refuseApiKeys: true })
  @ApiOperation({
    operationId: 'updateSecuritySettings',
    summary: 'Change security settings (owner/admin sessions only; every API key gets 403 `forbidden`).',
    description:
      'Only the fields sent change. `allowed_ip_ranges` replaces the list (at most 100 IPv4/IPv6 CIDRs or addresses, stored normalised; errors name `allowed_ip_ranges[i]`). Audited as `settings.security_updated` with the changed fields.',
  })
  @ApiOkResponse({ type: SecuritySettingsDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  update(
    @CurrentCaller() caller: Caller,
    @Body() dto: UpdateSecuritySettingsDto,
  ): Promise<SecuritySettingsDto> {
    return this.settings.update(caller, dto);
  }
}
