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
import { KeyUsageDto, KeyUsageQueryDto } from '../api-keys/dto/key-usage.dto.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import {
  ApiKeyDto,
  CreatedApiKeyDto,
  PortalKeyListDto,
  RotatedApiKeyDto,
} from '../api-keys/dto/api-key.dto.js';
import {
  CreateKeyDto,
  GetKeyQueryDto,
  ListKeysQueryDto,
  RotateKeyDto,
} from '../api-keys/dto/key-requests.dto.js';
import { KEY_DOCS, KeyIdParam, RotationConflict } from '../api-keys/key-docs.js';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { CurrentCaller, type Caller } from '../common/principal.js';

/** Door 2 (rules §4): people managing keys in the portal. Viewers read; developers and up write. */
@ApiTags('portal: keys')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Validation failed (`errors` names the fields).',
})
@Controller('portal/keys')
export class PortalKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Auth({ role: 'developer' })
  @ApiOperation({
    operationId: 'createPortalKey',
    summary: 'Create an API key.',
    description: KEY_DOCS.create,
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'project_id / environment_id not found.' })
  @ApiConflictResponse({ type: ErrorDto, description: '`key_limit_reached`' })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(caller, dto);
  }

  @Get()
  @Auth({ role: 'viewer' })
  @ApiOperation({
    operationId: 'listPortalKeys',
    summary: 'List the API keys of the tenant.',
    description: KEY_DOCS.list,
  })
  @ApiOkResponse({ type: PortalKeyListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'project_id / environment_id not found.' })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListKeysQueryDto): Promise<PortalKeyListDto> {
    return { keys: await this.keys.list(caller, query) };
  }

  @Get(':id')
  @KeyIdParam()
  @Auth({ role: 'viewer' })
  @ApiOperation({ operationId: 'getPortalKey', summary: 'One API key.', description: KEY_DOCS.get })
  @ApiOkResponse({ type: ApiKeyDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
    @Query() query: GetKeyQueryDto,
  ): Promise<ApiKeyDto> {
    return this.keys.get(caller, id, query);
  }

  @Get(':id/usage')
  @KeyIdParam()
  @Auth({ role: 'viewer' })
  @ApiOperation({
    operationId: 'getPortalKeyUsage',
    summary: 'Daily request counts of a key (UTC days, `days` 1–90, default 30).',
  })
  @ApiOkResponse({ type: KeyUsageDto })
  usage(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
    @Query() query: KeyUsageQueryDto,
  ): Promise<KeyUsageDto> {
    return this.keys.usage(caller, id, query.days);
  }

  @Post(':id/rotate')
  @KeyIdParam()
  @Auth({ role: 'developer' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotatePortalKey',
    summary: 'Rotate an API key.',
    description: KEY_DOCS.rotate,
  })
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
  @Auth({ role: 'developer' })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokePortalKey',
    summary: 'Revoke an API key.',
    description: KEY_DOCS.revoke,
  })
  @ApiNoContentResponse({ description: 'Revoked (or already no longer working).' })
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('API key')) id: string,
  ): Promise<void> {
    await this.keys.revoke(caller, id);
  }
}
