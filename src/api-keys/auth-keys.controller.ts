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
import { ApiKeyDto, CreatedApiKeyDto, RotatedApiKeyDto } from './dto/api-key.dto.js';
import { CreateKeyDto, GetKeyQueryDto, ListKeysQueryDto, RotateKeyDto } from './dto/key-requests.dto.js';
import { KEY_DOCS, KeyIdParam, RotationConflict } from './key-docs.js';

/** Door 1 (rules §4): API keys managing API keys, by scope. */
@ApiTags('api keys')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Validation failed (`errors` names the fields).',
})
@Controller('auth/keys')
export class AuthKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Auth({ scopes: ['keys:write'] })
  @ApiOperation({ operationId: 'createKey', summary: 'Create an API key.', description: KEY_DOCS.create })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'project_id / environment_id not found.' })
  @ApiConflictResponse({ type: ErrorDto, description: '`key_limit_reached`' })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @Auth({ scopes: ['keys:read'] })
  @ApiOperation({
    operationId: 'listKeys',
    summary: 'List the API keys of the tenant.',
    description: KEY_DOCS.list,
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'project_id / environment_id not found.' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListKeysQueryDto): Promise<ApiKeyDto[]> {
    return this.keys.list(caller, query);
  }

  @Get(':id')
  @KeyIdParam()
  @Auth({ scopes: ['keys:read'] })
  @ApiOperation({ operationId: 'getKey', summary: 'One API key.', description: KEY_DOCS.get })
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
  @Auth({ scopes: ['keys:write'] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateKey', summary: 'Rotate an API key.', description: KEY_DOCS.rotate })
  @ApiOkResponse({ type: RotatedApiKeyDto })
  @RotationConflict()
  rotate(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
    @Body() dto: RotateKeyDto,
  ): Promise<RotatedApiKeyDto> {
    return this.keys.rotate(caller, id, dto);
  }

  @Delete(':id')
  @KeyIdParam()
  @Auth({ scopes: ['keys:write'] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeKey', summary: 'Revoke an API key.', description: KEY_DOCS.revoke })
  @ApiNoContentResponse({ description: 'Revoked (or already no longer working).' })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
  ): Promise<void> {
    await this.keys.revoke(caller, id);
  }
}
