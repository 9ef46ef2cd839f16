import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { COLLECTION_DOCS } from './collection-docs.js';
import { CollectionsService } from './collections.service.js';
import { CollectionSchemasDto, PutSchemaDto, SchemaDto } from './dto/schema.dto.js';
import { NameParamPipe } from './name-param.pipe.js';

@ApiTags('schemas')
@ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'Invalid name or body (`validation_error`).' })
@Controller('schemas')
export class SchemasController {
  constructor(private readonly collections: CollectionsService) {}

  @Put(':collection/:record_type')
  @Auth({ scopes: ['ingest'] })
  @DocumentedOperation('putSchema', COLLECTION_DOCS.putSchema)
  @ApiOkResponse({ type: SchemaDto })
  putSchema(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Param('record_type', new NameParamPipe('record_type')) recordType: string,
    @Body() dto: PutSchemaDto,
  ): Promise<SchemaDto> {
    return this.collections.putSchema(caller, collection, recordType, dto);
  }

  @Get(':collection')
  @Auth({ scopes: ['entities:read'] })
  @DocumentedOperation('getSchemas', COLLECTION_DOCS.getSchemas)
  @ApiOkResponse({ type: CollectionSchemasDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSchemas(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
  ): Promise<CollectionSchemasDto> {
    return this.collections.getSchemas(caller.principal.tenantId, collection);
  }
}
