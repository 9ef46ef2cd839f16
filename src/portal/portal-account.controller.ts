import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccountsService } from '../accounts/accounts.service.js';
import {
  AccountDto,
  ChangePasswordDto,
  TenantListDto,
  UpdateAccountDto,
} from '../accounts/dto/account.dto.js';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';

@ApiTags('portal: account')
@Controller('portal')
export class PortalAccountController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('tenants')
  @Auth({ role: 'viewer' })
  @ApiOperation({ operationId: 'listMyTenants', summary: 'Tenants you belong to, with your role in each.' })
  @ApiOkResponse({ type: TenantListDto })
  tenants(@CurrentCaller() caller: Caller): Promise<TenantListDto> {
    return this.accounts.listTenants(caller);
  }

  @Get('account')
  @Auth({ role: 'viewer' })
  @ApiOperation({ operationId: 'getAccount' })
  @ApiOkResponse({ type: AccountDto })
  account(@CurrentCaller() caller: Caller): Promise<AccountDto> {
    return this.accounts.getAccount(caller);
  }

  @Patch('account')
  @Auth({ role: 'viewer' })
  @ApiOperation({
    operationId: 'updateAccount',
    summary: 'Change display_name and/or company (any other field: 422).',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  updateAccount(@CurrentCaller() caller: Caller, @Body() dto: UpdateAccountDto): Promise<AccountDto> {
    return this.accounts.updateAccount(caller, dto);
  }

  @Post('account/password')
  @Auth({ role: 'viewer' })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary:
      'Change the password; every token issued before (this one included) stops working. Wrong current password: 401 `invalid_credentials`.',
  })
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  async changePassword(@CurrentCaller() caller: Caller, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.accounts.changePassword(caller, dto);
  }
}
