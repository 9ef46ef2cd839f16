import { Controller, Delete, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { ApiNdjsonExport, COLLECTION_DOCS } from './collection-docs.js';
import { CollectionsService } from './collections.service.js';
import { CollectionListDto, ExportQueryDto, ReindexAcceptedDto } from './dto/collections.dto.js';
import { ExportService } from './export.service.js';
import { NameParamPipe } from './name-param.pipe.js';
import { ReindexService } from './reindex.service.js';
import { NoBody } from '../common/validation.js';

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
  @DocumentedOperation('listCollections', COLLECTION_DOCS.listCollections)
  @ApiOkResponse({ type: CollectionListDto })
  list(@CurrentCaller() caller: Caller): Promise<CollectionListDto> {
    return this.collections.list(caller.principal.tenantId);
  }

  @Delete('collections/:name')
  @Auth({ scopes: ['admin'] })
  @HttpCode(204)
  @DocumentedOperation('deleteCollection', COLLECTION_DOCS.deleteCollection)
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
  @DocumentedOperation('exportCollection', COLLECTION_DOCS.exportCollection)
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
  @DocumentedOperation('reindexCollection', COLLECTION_DOCS.reindexCollection)
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
