import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
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
import { ChangeMemberRoleDto, MemberDto, MemberListDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';
import { NoBody } from '../common/validation.js';

const USER_ID = new IdParamPipe('Member');
const UserIdParam = () => ApiParam({ name: 'user_id', format: 'uuid' });
const NOT_FOUND = 'No such member of this tenant.';
const LAST_OWNER = '`last_owner`: the tenant would be left without an active owner.';

@ApiTags('team')
@Controller('team/members')
export class TeamMembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Auth({ scopes: ['admin'], role: 'viewer' })
  @ApiOperation({ operationId: 'listMembers', summary: 'Members of the tenant, in the order they joined.' })
  @ApiOkResponse({ type: MemberListDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  list(@CurrentCaller() caller: Caller, @Query() page: PaginationQueryDto): Promise<MemberListDto> {
    return this.members.list(caller.principal.tenantId, page);
  }

  @Patch(':user_id')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @UserIdParam()
  @ApiOperation({
    operationId: 'changeMemberRole',
    summary: "Change a member's role.",
    description:
      'Only owners grant or remove `owner`, and admins cannot change owners (403 `forbidden`). Effective on the next request of the member.',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: NOT_FOUND })
  @ApiConflictResponse({ type: ErrorDto, description: LAST_OWNER })
  @ApiUnprocessableEntityResponse({ type: ErrorDto })
  changeRole(
    @CurrentCaller() caller: Caller,
    @Param('user_id', USER_ID) userId: string,
    @Body() dto: ChangeMemberRoleDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(caller, userId, dto.role);
  }

  @Delete(':user_id')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @HttpCode(204)
  @UserIdParam()
  @ApiOperation({
    operationId: 'removeMember',
    summary: 'Remove a member from the tenant; their tokens for it fail from the next request.',
    description: 'Admins cannot remove owners (403). Removing yourself is leaving the tenant.',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ type: ErrorDto, description: NOT_FOUND })
  @ApiConflictResponse({ type: ErrorDto, description: LAST_OWNER })
  async remove(@CurrentCaller() caller: Caller, @Param('user_id', USER_ID) userId: string): Promise<void> {
    await this.members.remove(caller, userId);
  }

  @Post(':user_id/block')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @HttpCode(200)
  @UserIdParam()
  @ApiOperation({
    operationId: 'blockMember',
    summary: 'Block a member: their tokens fail from the next request (401 `invalid_token`).',
    description:
      'Idempotent (blocking a blocked member answers 200 and records nothing). Blocking yourself → 409 `conflict`; admins cannot block owners (403).',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: NOT_FOUND })
  @ApiConflictResponse({ type: ErrorDto, description: `Blocking yourself, or ${LAST_OWNER}` })
  block(
    @CurrentCaller() caller: Caller,
    @Param('user_id', USER_ID) userId: string,
    @NoBody() _body: undefined,
  ): Promise<MemberDto> {
    return this.members.setBlocked(caller, userId, true);
  }

  @Post(':user_id/unblock')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @HttpCode(200)
  @UserIdParam()
  @ApiOperation({
    operationId: 'unblockMember',
    summary: 'Unblock a member: their unexpired tokens work again.',
    description: 'Idempotent. Admins cannot unblock owners (403).',
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: NOT_FOUND })
  unblock(
    @CurrentCaller() caller: Caller,
    @Param('user_id', USER_ID) userId: string,
    @NoBody() _body: undefined,
  ): Promise<MemberDto> {
    return this.members.setBlocked(caller, userId, false);
  }
}
