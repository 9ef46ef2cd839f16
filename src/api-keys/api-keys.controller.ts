import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, ApiKeyRotationDto, CreatedApiKeyDto } from './dto/api-key.dto.js';
import {
  CreateProjectKeyDto,
  GetKeyQueryDto,
  ListProjectKeysQueryDto,
  RotateKeyDto,
} from './dto/key-requests.dto.js';
import { KEY_DOCS, KeyIdParam, RotationConflict } from './key-docs.js';

/** Door 3 (rules §4): tenant administration of keys per project, with an API key (scope) or a portal JWT (role). */
@ApiTags('api keys')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Validation failed (`errors` names the fields).',
})
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Auth({ scopes: ['keys:write'], role: 'developer' })
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key in a project (project_id required).',
    description: KEY_DOCS.create,
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'project_id / environment_id not found.' })
  @ApiConflictResponse({ type: ErrorDto, description: '`key_limit_reached`' })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateProjectKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @Auth({ scopes: ['keys:read'], role: 'viewer' })
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List the API keys of a project (project_id required).',
    description: KEY_DOCS.list,
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Project not found.' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListProjectKeysQueryDto): Promise<ApiKeyDto[]> {
    return this.keys.list(caller, query);
  }

  @Get(':id')
  @KeyIdParam()
  @Auth({ scopes: ['keys:read'], role: 'viewer' })
  @ApiOperation({ operationId: 'getApiKey', summary: 'One API key.', description: KEY_DOCS.get })
  @ApiOkResponse({ type: ApiKeyDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
    @Query() query: GetKeyQueryDto,
  ): Promise<ApiKeyDto> {
    return this.keys.get(caller, id, query);
  }

  @Post(':id/rotate')
  @KeyIdParam()
  @Auth({ scopes: ['keys:write'], role: 'developer' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateApiKey',
    summary: 'Rotate an API key; answers a rotation summary.',
    description: `${KEY_DOCS.rotate}\n\n\`grace_expires_at\` here is the old key's (null when it was revoked at once).`,
  })
  @ApiOkResponse({ type: ApiKeyRotationDto })
  @RotationConflict()
  rotate(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
    @Body() dto: RotateKeyDto,
  ): Promise<ApiKeyRotationDto> {
    return this.keys.rotateSummary(caller, id, dto);
  }

  @Delete(':id')
  @KeyIdParam()
  @Auth({ scopes: ['keys:write'], role: 'developer' })
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key.', description: KEY_DOCS.revoke })
  @ApiNoContentResponse({ description: 'Revoked (or already no longer working).' })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
  ): Promise<void> {
    await this.keys.revoke(caller, id);
  }
}
