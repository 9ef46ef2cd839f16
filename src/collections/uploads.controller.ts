import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import {
  IngestAcceptedDto,
  IngestDto,
  UploadAcceptedDto,
  UploadDto,
  UploadFileBodyDto,
  UploadListDto,
  UploadListQueryDto,
} from './dto/upload.dto.js';
import { NameParamPipe } from './name-param.pipe.js';
import { MultipartBody } from './upload/multipart-body.js';
import { UploadsService } from './upload/uploads.service.js';

/** The OpenAPI body and answers of a file upload (both doors). */
export const ApiFileUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: UploadFileBodyDto }),
    ApiAcceptedResponse({ type: UploadAcceptedDto }),
    ApiBadRequestResponse({ type: ErrorDto, description: 'Malformed multipart body (`bad_request`).' }),
    ApiPayloadTooLargeResponse({
      type: ErrorDto,
      description: 'The file is over 50 MiB (`payload_too_large`).',
    }),
    ApiUnsupportedMediaTypeResponse({
      type: ErrorDto,
      description: 'Not multipart, or not a .csv/.json/.ndjson/.jsonl file (`unsupported_media_type`).',
    }),
  );

export const UPLOAD_SUMMARY =
  'Upload a file of records (multipart/form-data: part `file`, optional part `mode`), processed in the background; follow it with `GET /uploads/{id}`. ' +
  'CSV columns `name`, `description`, `external_id`, `visibility` map to record fields, the others go into collection_data, coerced to the schema’s types (an empty cell is no value). ' +
  'Rows without a name are skipped and rows breaking the schema are stored as `failed` records; both are counted in `rows_failed` and listed in `errors`. ' +
  'A file that cannot be parsed at all answers 202 with status `failed` (the reason is in the upload’s `errors`) and changes nothing. ' +
  'Unsupported file type: 415 `unsupported_media_type`; over 50 MiB: 413; malformed multipart: 400 `bad_request`.';

export const INGEST_SUMMARY =
  'Queue 1–1000 records (JSON) for processing, like an upload: same modes, same per-row errors in `GET /uploads/{id}`.';

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
  @ApiOperation({ operationId: 'ingestRecords', summary: INGEST_SUMMARY })
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
  @ApiOperation({ operationId: 'uploadFile', summary: UPLOAD_SUMMARY })
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
  @ApiOperation({
    operationId: 'listUploads',
    summary: 'Uploads, newest first (optionally of one collection).',
  })
  @ApiOkResponse({ type: UploadListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  list(@CurrentCaller() caller: Caller, @Query() query: UploadListQueryDto): Promise<UploadListDto> {
    return this.uploads.list(caller.principal.tenantId, query);
  }

  @Get('uploads/:id')
  @Auth({ scopes: ['upload'] })
  @ApiOperation({
    operationId: 'getUpload',
    summary: 'Status and progress of an upload, with its first 100 row errors.',
  })
  @ApiOkResponse({ type: UploadDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Upload')) id: string,
  ): Promise<UploadDto> {
    return this.uploads.get(caller.principal.tenantId, id);
  }
}
