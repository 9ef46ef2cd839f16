import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccountsService } from '../accounts/accounts.service.js';
import {
  LoginDto,
  LoginResponseDto,
  SignupDto,
  SignupResponseDto,
  SwitchTenantDto,
} from '../accounts/dto/account.dto.js';
import { Auth, Public } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, CurrentOrigin, type Caller, type Origin } from '../common/principal.js';

@ApiTags('portal: auth')
@ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'Validation failed.' })
@Controller('portal/auth')
export class PortalAuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('signup')
  @Public()
  @ApiOperation({
    operationId: 'signup',
    summary: 'Create an account, its tenant (plan free, you as owner) and project `default`.',
  })
  @ApiCreatedResponse({ type: SignupResponseDto })
  @ApiConflictResponse({ type: ErrorDto, description: '`email_taken`' })
  signup(@Body() dto: SignupDto, @CurrentOrigin() origin: Origin): Promise<SignupResponseDto> {
    return this.accounts.signup(dto, origin);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary:
      'Sign in. 401 `invalid_credentials` for an unknown email or a wrong password alike; 429 after 10 failures per email+IP in 15 min.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiTooManyRequestsResponse({ type: ErrorDto })
  login(@Body() dto: LoginDto, @CurrentOrigin() origin: Origin): Promise<LoginResponseDto> {
    return this.accounts.login(dto, origin);
  }

  @Post('switch-tenant')
  @Auth({ role: 'viewer' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'switchTenant',
    summary: 'A new token for another tenant you belong to (404 if you do not).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiNotFoundResponse({
    type: ErrorDto,
    description: 'You are not an active member of that tenant (`not_found`).',
  })
  switchTenant(@CurrentCaller() caller: Caller, @Body() dto: SwitchTenantDto): Promise<LoginResponseDto> {
    return this.accounts.switchTenant(caller, dto.tenant_id);
  }
}
