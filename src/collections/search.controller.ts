import { Body, Controller, Header, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, Public } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { DocumentedOperation } from '../common/operation-doc.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { COLLECTION_DOCS } from './collection-docs.js';
import { OpenSearchDto, OpenSearchResponseDto, SearchDto, SearchResponseDto } from './dto/search.dto.js';
import { NameParamPipe } from './name-param.pipe.js';
import { OpenSearchRateLimitGuard } from './open-search-rate-limit.guard.js';
import { SearchRateLimitGuard } from './search-rate-limit.guard.js';
import { SearchService } from './search.service.js';

/** Search answers are JSON text built by SearchService (results serialised once, by PostgreSQL). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

@ApiTags('search')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Invalid body or filter (`validation_error`).',
})
@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Post('search/:collection')
  @Auth({ scopes: ['search'] })
  @UseGuards(SearchRateLimitGuard)
  @HttpCode(200)
  @DocumentedOperation('search', COLLECTION_DOCS.search)
  @Header('content-type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: SearchResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  searchCollection(
    @CurrentCaller() caller: Caller,
    @Param('collection', new NameParamPipe('collection')) collection: string,
    @Body() dto: SearchDto,
  ): Promise<string> {
    return this.search.search(
      caller.principal.tenantId,
      collection,
      dto,
      caller.principal.type === 'api_key' ? caller.principal.plan : undefined,
    );
  }

  @Post('open/search')
  @Public()
  @UseGuards(OpenSearchRateLimitGuard)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'openSearch',
    summary:
      'Search the public records of every tenant (no credential), each result with its provider. Limited per client IP (429 `rate_limited` with Retry-After); every (tenant, collection) in the results counts one open search for that tenant’s analytics.',
  })
  @ApiOkResponse({ type: OpenSearchResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Over the per-IP limit (`rate_limited`).' })
  openSearch(@Body() dto: OpenSearchDto): Promise<OpenSearchResponseDto> {
    return this.search.openSearch(dto);
  }
}
