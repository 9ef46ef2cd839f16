import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { CreateInvitationDto, InvitationCreatedDto, InvitationListDto } from './dto/invitation.dto.js';
import { InvitationsService } from './invitations.service.js';

@ApiTags('team')
@Controller('team/invitations')
export class TeamInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiOperation({
    operationId: 'createInvitation',
    summary: 'Invite someone to the tenant by email.',
    description:
      'Answers at once with `email_dispatch_status: "queued"`; the mail (link `{PUBLIC_BASE_URL}/invitations/accept?token=…`, valid 7 days, single use) is sent by a background job with retries, which moves the status to `sent` or `failed`. Only owners may invite owners (403 `forbidden`). Inviting an email that has a pending invitation replaces it (the old link stops working); inviting a member → 409 `conflict`.',
  })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The email belongs to a member already.' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    return this.invitations.create(caller, dto);
  }

  @Get()
  @Auth({ scopes: ['admin'], role: 'viewer' })
  @ApiOperation({
    operationId: 'listInvitations',
    summary: 'Invitations of the tenant, newest first, in every status.',
  })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  list(@CurrentCaller() caller: Caller, @Query() page: PaginationQueryDto): Promise<InvitationListDto> {
    return this.invitations.list(caller.principal.tenantId, page);
  }

  @Delete(':id')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @HttpCode(204)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    operationId: 'revokeInvitation',
    summary: 'Revoke an invitation: its link stops working.',
    description:
      'Idempotent for invitations already revoked or expired. Only owners may revoke owner invitations (403). An accepted invitation → 409 `conflict` (remove the member instead).',
  })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such invitation in this tenant.' })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already accepted.' })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Invitation')) id: string,
  ): Promise<void> {
    await this.invitations.revoke(caller, id);
  }
}
