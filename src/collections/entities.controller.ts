import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { COLLECTION_DOCS } from './collection-docs.js';
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
  @DocumentedOperation('listEntities', COLLECTION_DOCS.listRecords)
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
  @DocumentedOperation('createEntity', COLLECTION_DOCS.createRecord)
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
  @DocumentedOperation('getEntity', COLLECTION_DOCS.getRecord)
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
  @DocumentedOperation('updateEntity', COLLECTION_DOCS.updateRecord)
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
  @DocumentedOperation('deleteEntity', COLLECTION_DOCS.deleteRecord)
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
