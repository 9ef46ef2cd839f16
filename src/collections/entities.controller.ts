import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import {
  CreateRecordDto,
  RecordDto,
  RecordListDto,
  RecordListQueryDto,
  UpdateRecordDto,
} from './dto/record.dto.js';
import { NameParamPipe } from './name-param.pipe.js';
import { RecordsService } from './records.service.js';

@ApiTags('entities')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Invalid name or body; `collection_data` not matching the schema names each field.',
})
@Controller('entities')
export class EntitiesController {
  constructor(private readonly records: RecordsService) {}

  @Get(':collection')
  @Auth({ scopes: ['entities:read'] })
  @ApiOperation({ operationId: 'listEntities', summary: 'Records of a collection, oldest first.' })
  @ApiOkResponse({ type: RecordListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  list(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Query() query: RecordListQueryDto,
  ): Promise<RecordListDto> {
    return this.records.list(caller.principal.tenantId, collection, query);
  }

  @Post(':collection/:record_type')
  @Auth({ scopes: ['entities:write'] })
  @ApiOperation({
    operationId: 'createEntity',
    summary:
      'Create a record (the collection too when needed). Validated against the record type’s schema and indexed before the answer. 403 `plan_limit_reached` over the plan’s record cap or max_collections; 409 for a taken external_id.',
  })
  @ApiCreatedResponse({ type: RecordDto })
  @ApiConflictResponse({ type: ErrorDto })
  create(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: CreateRecordDto,
  ): Promise<RecordDto> {
    return this.records.create(caller, collection, recordType, dto);
  }

  @Get(':collection/:id')
  @Auth({ scopes: ['entities:read'] })
  @ApiOperation({ operationId: 'getEntity' })
  @ApiOkResponse({ type: RecordDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
  ): Promise<RecordDto> {
    return this.records.get(caller.principal.tenantId, collection, id);
  }

  @Patch(':collection/:id')
  @Auth({ scopes: ['entities:write'] })
  @ApiOperation({
    operationId: 'updateEntity',
    summary:
      'Change a record; `collection_data` is merged key by key (null removes a key), then re-validated.',
  })
  @ApiOkResponse({ type: RecordDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  update(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
    @Body() dto: UpdateRecordDto,
  ): Promise<RecordDto> {
    return this.records.update(caller, collection, id, dto);
  }

  @Delete(':collection/:id')
  @Auth({ scopes: ['entities:write'] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteEntity' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
  ): Promise<void> {
    await this.records.remove(caller, collection, id);
  }
}
