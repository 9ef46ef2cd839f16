import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
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
  @ApiOperation({
    operationId: 'putSchema',
    summary:
      'Create or replace the schema of a record type (creates the collection when needed; 403 `plan_limit_reached` past the plan’s max_collections). Existing records of the type are re-validated and re-indexed in the background.',
  })
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
  @ApiOperation({ operationId: 'getSchemas', summary: 'The schemas of every record type of a collection.' })
  @ApiOkResponse({ type: CollectionSchemasDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSchemas(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
  ): Promise<CollectionSchemasDto> {
    return this.collections.getSchemas(caller.principal.tenantId, collection);
  }
}
