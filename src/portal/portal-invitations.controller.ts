import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { AcceptedInvitationDto, AcceptInvitationDto } from '../team/dto/invitation.dto.js';
import { InvitationsService } from '../team/invitations.service.js';

@ApiTags('portal: team')
@Controller('portal/invitations')
export class PortalInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @Auth({ role: 'viewer' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acceptInvitation',
    summary: 'Join the tenant of an invitation; answers a session token for that tenant.',
    description:
      'Needs the session of the user whose email was invited (case-insensitive), else 403 `forbidden`. Unknown token → 404; a token already used, revoked or expired → 409 `conflict`; already a member → 409 `conflict`.',
  })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown token.' })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'The invitation was already used, revoked or has expired; or you are a member already.',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  accept(@CurrentCaller() caller: Caller, @Body() dto: AcceptInvitationDto): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(caller, dto.token);
  }
}
