import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CollectionsService } from '../collections/collections.service.js';
import { CollectionListDto, ExportQueryDto, ReindexAcceptedDto } from '../collections/dto/collections.dto.js';
import {
  CreateRecordDto,
  PortalRecordListQueryDto,
  RecordDto,
  RecordListDto,
  UpdateRecordDto,
} from '../collections/dto/record.dto.js';
import { CollectionSchemasDto, PutSchemaDto, SchemaDto } from '../collections/dto/schema.dto.js';
import { SearchDto, SearchResponseDto } from '../collections/dto/search.dto.js';
import {
  IngestAcceptedDto,
  IngestDto,
  UploadAcceptedDto,
  UploadDto,
  UploadListDto,
  UploadListQueryDto,
} from '../collections/dto/upload.dto.js';
import { ExportService } from '../collections/export.service.js';
import { NameParamPipe } from '../collections/name-param.pipe.js';
import { RecordsService } from '../collections/records.service.js';
import { ReindexService } from '../collections/reindex.service.js';
import { SearchService } from '../collections/search.service.js';
import { MultipartBody } from '../collections/upload/multipart-body.js';
import { UploadsService } from '../collections/upload/uploads.service.js';
import { ApiFileUpload, ApiNdjsonExport, COLLECTION_DOCS } from '../collections/collection-docs.js';
import { JSON_CONTENT_TYPE } from '../collections/search.controller.js';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { NoBody } from '../common/validation.js';

/**
 * rules §5 portal mirrors of the data API, for people (JWT). Roles (rules §2): viewers read and search;
 * developers also write schemas, records and uploads; admins also delete, export and reindex collections.
 */
@ApiTags('portal: collections')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Invalid name, query or body (`validation_error`).',
})
@Controller('portal')
export class PortalCollectionsController {
  constructor(
    private readonly collections: CollectionsService,
    private readonly records: RecordsService,
    private readonly uploads: UploadsService,
    private readonly search: SearchService,
    private readonly exports: ExportService,
    private readonly reindex: ReindexService,
  ) {}

  @Get('collections')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalListCollections', COLLECTION_DOCS.listCollections)
  @ApiOkResponse({ type: CollectionListDto })
  listCollections(@CurrentCaller() caller: Caller): Promise<CollectionListDto> {
    return this.collections.list(caller.principal.tenantId);
  }

  @Delete('collections/:name')
  @Auth({ role: 'admin' })
  @HttpCode(204)
  @DocumentedOperation('portalDeleteCollection', COLLECTION_DOCS.deleteCollection)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async deleteCollection(
    @CurrentCaller() caller: Caller,
    @Param('name', new NameParamPipe('name')) name: string,
  ): Promise<void> {
    await this.collections.remove(caller, name);
  }

  @Get('records')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalListRecords', COLLECTION_DOCS.listRecords)
  @ApiOkResponse({ type: RecordListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  listRecords(
    @CurrentCaller() caller: Caller,
    @Query() query: PortalRecordListQueryDto,
  ): Promise<RecordListDto> {
    return this.records.list(caller.principal.tenantId, query.collection, query);
  }

  @Get('records/:collection/:id')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalGetRecord', COLLECTION_DOCS.getRecord)
  @ApiOkResponse({ type: RecordDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getRecord(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
  ): Promise<RecordDto> {
    return this.records.get(caller.principal.tenantId, collection, id);
  }

  @Post('records/:collection/:record_type')
  @Auth({ role: 'developer' })
  @DocumentedOperation('portalCreateRecord', COLLECTION_DOCS.createRecord)
  @ApiCreatedResponse({ type: RecordDto })
  @ApiConflictResponse({ type: ErrorDto })
  createRecord(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: CreateRecordDto,
  ): Promise<RecordDto> {
    return this.records.create(caller, collection, recordType, dto);
  }

  @Patch('records/:collection/:id')
  @Auth({ role: 'developer' })
  @DocumentedOperation('portalUpdateRecord', COLLECTION_DOCS.updateRecord)
  @ApiOkResponse({ type: RecordDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  updateRecord(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
    @Body() dto: UpdateRecordDto,
  ): Promise<RecordDto> {
    return this.records.update(caller, collection, id, dto);
  }

  @Delete('records/:collection/:id')
  @Auth({ role: 'developer' })
  @HttpCode(204)
  @DocumentedOperation('portalDeleteRecord', COLLECTION_DOCS.deleteRecord)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async deleteRecord(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('id', new IdParamPipe('Record')) id: string,
  ): Promise<void> {
    await this.records.remove(caller, collection, id);
  }

  @Post('search/:collection')
  @Auth({ role: 'viewer' })
  @HttpCode(200)
  @DocumentedOperation('portalSearch', COLLECTION_DOCS.search)
  @Header('content-type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: SearchResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  searchCollection(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Body() dto: SearchDto,
  ): Promise<string> {
    return this.search.search(caller.principal.tenantId, collection, dto);
  }

  @Post('upload/:collection/:record_type/upload')
  @Auth({ role: 'developer' })
  @RouteConfig({ multipart: true })
  @HttpCode(202)
  @DocumentedOperation('portalUploadFile', COLLECTION_DOCS.uploadFile)
  @ApiFileUpload()
  upload(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UploadAcceptedDto> {
    return this.uploads.receiveFile(caller, collection, recordType, new MultipartBody(request, reply));
  }

  @Post('ingest/:collection/:record_type')
  @Auth({ role: 'developer' })
  @HttpCode(202)
  @DocumentedOperation('portalIngestRecords', COLLECTION_DOCS.ingestRecords)
  @ApiAcceptedResponse({ type: IngestAcceptedDto })
  ingest(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: IngestDto,
  ): Promise<IngestAcceptedDto> {
    return this.uploads.ingest(caller, collection, recordType, dto);
  }

  @Get('uploads')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalListUploads', COLLECTION_DOCS.listUploads)
  @ApiOkResponse({ type: UploadListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  listUploads(@CurrentCaller() caller: Caller, @Query() query: UploadListQueryDto): Promise<UploadListDto> {
    return this.uploads.list(caller.principal.tenantId, query);
  }

  @Get('uploads/:id')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalGetUpload', COLLECTION_DOCS.getUpload)
  @ApiOkResponse({ type: UploadDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getUpload(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Upload')) id: string,
  ): Promise<UploadDto> {
    return this.uploads.get(caller.principal.tenantId, id);
  }

  @Put('schemas/:collection/:record_type')
  @Auth({ role: 'developer' })
  @DocumentedOperation('portalPutSchema', COLLECTION_DOCS.putSchema)
  @ApiOkResponse({ type: SchemaDto })
  putSchema(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: PutSchemaDto,
  ): Promise<SchemaDto> {
    return this.collections.putSchema(caller, collection, recordType, dto);
  }

  @Get('schemas/:collection')
  @Auth({ role: 'viewer' })
  @DocumentedOperation('portalGetSchemas', COLLECTION_DOCS.getSchemas)
  @ApiOkResponse({ type: CollectionSchemasDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSchemas(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
  ): Promise<CollectionSchemasDto> {
    return this.collections.getSchemas(caller.principal.tenantId, collection);
  }

  @Get('export/:collection')
  @Auth({ role: 'admin' })
  @DocumentedOperation('portalExportCollection', COLLECTION_DOCS.exportCollection)
  @ApiNdjsonExport()
  export(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    return this.exports.file(caller.principal.tenantId, collection, query.record_type);
  }

  @Post('reindex/:collection')
  @Auth({ role: 'admin' })
  @HttpCode(202)
  @DocumentedOperation('portalReindexCollection', COLLECTION_DOCS.reindexCollection)
  @ApiAcceptedResponse({ type: ReindexAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  reindexCollection(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @NoBody() _body: undefined,
  ): Promise<ReindexAcceptedDto> {
    return this.reindex.request(caller.principal.tenantId, collection);
  }
}
