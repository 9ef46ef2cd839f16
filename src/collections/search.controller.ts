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
import { CurrentCaller, type Caller } from '../common/principal.js';
import { OpenSearchDto, OpenSearchResponseDto, SearchDto, SearchResponseDto } from './dto/search.dto.js';
import { NameParamPipe } from './name-param.pipe.js';
import { OpenSearchRateLimitGuard } from './open-search-rate-limit.guard.js';
import { SearchRateLimitGuard } from './search-rate-limit.guard.js';
import { SearchService } from './search.service.js';

export const SEARCH_SUMMARY =
  'Full-text search over indexed records, ranked: name above description above searchable fields (English stemming: `bearings` finds "bearing"). ' +
  'With `fuzzy` (default true), a query whose words match nothing is searched again with each word corrected to the closest words of the collection (trigram similarity, then fewest edits), so misspellings (`bearng`) still find records, scored below 0.5. ' +
  '`filters` apply to filterable fields only (others: 422): equality (a list field: contains), `{gte, lte}` on number, integer and date fields; a value of another type never matches. Counts one search for metering. ' +
  'Records whose name holds every searched word come first (scores 0.75 and above). `total` is exact up to 1,000 matches (SEARCH_EXACT_TOTAL_LIMIT) and a lower bound beyond it, as `total_relation` says (`eq` / `gte`); `exact_total: true` counts them all. ' +
  'Repeated searches may be answered from a cache that is exact: any change to the collection is seen by the next search.';

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
  @ApiOperation({ operationId: 'search', summary: SEARCH_SUMMARY })
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
