import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { ApiFileUpload, COLLECTION_DOCS } from './collection-docs.js';
import {
  IngestAcceptedDto,
  IngestDto,
  UploadAcceptedDto,
  UploadDto,
  UploadListDto,
  UploadListQueryDto,
} from './dto/upload.dto.js';
import { NameParamPipe } from './name-param.pipe.js';
import { MultipartBody } from './upload/multipart-body.js';
import { UploadsService } from './upload/uploads.service.js';

@ApiTags('uploads')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Invalid name, field or body (`validation_error`).',
})
@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post('ingest/:collection/:record_type')
  @Auth({ scopes: ['ingest'] })
  @HttpCode(202)
  @DocumentedOperation('ingestRecords', COLLECTION_DOCS.ingestRecords)
  @ApiAcceptedResponse({ type: IngestAcceptedDto })
  ingest(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: IngestDto,
  ): Promise<IngestAcceptedDto> {
    return this.uploads.ingest(caller, collection, recordType, dto);
  }

  @Post('upload/:collection/:record_type/upload')
  @Auth({ scopes: ['upload'] })
  @RouteConfig({ multipart: true })
  @HttpCode(202)
  @DocumentedOperation('uploadFile', COLLECTION_DOCS.uploadFile)
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

  @Get('uploads')
  @Auth({ scopes: ['upload'] })
  @DocumentedOperation('listUploads', COLLECTION_DOCS.listUploads)
  @ApiOkResponse({ type: UploadListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  list(@CurrentCaller() caller: Caller, @Query() query: UploadListQueryDto): Promise<UploadListDto> {
    return this.uploads.list(caller.principal.tenantId, query);
  }

  @Get('uploads/:id')
  @Auth({ scopes: ['upload'] })
  @DocumentedOperation('getUpload', COLLECTION_DOCS.getUpload)
  @ApiOkResponse({ type: UploadDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Upload')) id: string,
  ): Promise<UploadDto> {
    return this.uploads.get(caller.principal.tenantId, id);
  }
}
