import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { CollectionsService } from './collections.service.js';
import { CollectionListDto, ExportQueryDto, ReindexAcceptedDto } from './dto/collections.dto.js';
import { ExportService } from './export.service.js';
import { NameParamPipe } from './name-param.pipe.js';
import { ReindexService } from './reindex.service.js';
import { NoBody } from '../common/validation.js';

/** The OpenAPI answers of an NDJSON export (both doors). */
export const ApiNdjsonExport = () =>
  applyDecorators(
    ApiProduces('application/x-ndjson'),
    ApiOkResponse({
      description: 'NDJSON: one record (the record shape of `GET /entities/{collection}/{id}`) per line.',
      content: { 'application/x-ndjson': { schema: { type: 'string' } } },
    }),
    ApiNotFoundResponse({ type: ErrorDto }),
  );

export const EXPORT_SUMMARY =
  'Every record of the collection as NDJSON (`application/x-ndjson`, one record per line in the record shape, oldest first), streamed with constant memory.';

@ApiTags('collections')
@ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'Invalid name (`validation_error`).' })
@Controller()
export class CollectionsController {
  constructor(
    private readonly collections: CollectionsService,
    private readonly exports: ExportService,
    private readonly reindex: ReindexService,
  ) {}

  @Get('collections')
  @Auth({ scopes: ['entities:read'] })
  @ApiOperation({
    operationId: 'listCollections',
    summary: 'Collections with their record counters, the plan and its record cap.',
  })
  @ApiOkResponse({ type: CollectionListDto })
  list(@CurrentCaller() caller: Caller): Promise<CollectionListDto> {
    return this.collections.list(caller.principal.tenantId);
  }

  @Delete('collections/:name')
  @Auth({ scopes: ['admin'] })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteCollection',
    summary: 'Delete a collection with all its records, schemas and uploads (audited).',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('name', new NameParamPipe('name')) name: string,
  ): Promise<void> {
    await this.collections.remove(caller, name);
  }

  @Get('export/:collection')
  @Auth({ scopes: ['admin'] })
  @ApiOperation({ operationId: 'exportCollection', summary: EXPORT_SUMMARY })
  @ApiNdjsonExport()
  export(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    return this.exports.file(caller.principal.tenantId, collection, query.record_type);
  }

  @Post('reindex/:collection')
  @Auth({ scopes: ['admin'] })
  @HttpCode(202)
  @ApiOperation({
    operationId: 'reindexCollection',
    summary: 'Re-validate every record against the current schemas and re-index it, in the background.',
  })
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
