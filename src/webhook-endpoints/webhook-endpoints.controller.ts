import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { NoBody } from '../common/validation.js';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
} from './dto/webhook-endpoint.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

const EVENTS_DOC = `Cistern POSTs \`{"type", "timestamp", "data"}\` to every enabled endpoint subscribed to the event, signed the
Standard Webhooks way with the tenant's \`whsec_\` secret (\`GET /settings/webhooks\`): headers \`webhook-id\` (the same on
every retry of a delivery: deduplicate on it), \`webhook-timestamp\` and \`webhook-signature: v1,<base64 HMAC-SHA256 of
"{webhook-id}.{webhook-timestamp}.{body}">\`. Events:
- \`upload.completed\`, \`upload.failed\`: \`{upload_id, collection, record_type, mode, status, rows_total, rows_indexed,
  rows_failed, errors (the first 10 of the upload's errors), finished_at}\` once per upload or ingest.
- \`usage.threshold\`: \`{metric: "searches"|"records", threshold_percent: 80|100, used, included, period}\` when the
  tenant reaches 80 % and 100 % of its plan's included searches or records — once per period (UTC month) and metric and
  threshold, whatever the number of instances or concurrent requests. Plans without an included amount never send it.
- \`api_key.expiring\`: \`{key_id, name, key_prefix, project_id, environment_id, expires_at, days_before: 7|1}\` 7 days and
  1 day before a key's \`expires_at\` (a key created closer to its expiry gets only the notices still ahead of it).
- \`api_key.rotated\`: \`{old_key_id, new_key_id, key_prefix, grace_expires_at}\` for each scheduled rotation — without the raw
  key. An endpoint whose URL is the key's own \`rotation_webhook_url\` is not sent this copy: that URL already receives
  the event with the raw key through the key's rotation webhook.
- \`webhook.test\`: sent only by \`POST …/{id}/test\`.
Any 2xx answer is a delivery; anything else, or no answer within 10 s, is retried with exponential backoff (up to 12
attempts over about 8 hours), durably across restarts. A 410 answer disables the endpoint at once; an endpoint whose
every attempt has failed for 3 days in a row is disabled too. Both are audited as \`webhook_endpoint.disabled\`; PATCH
\`{"enabled": true}\` turns it back on. Bodies are stored encrypted while pending and erased once delivered or given
up; the delivery log keeps status, attempts and the last answer's code for 30 days.`;

/** rules §11: a tenant's event endpoints. Admins (JWT) or admin-scoped keys; PATCH is JWT only (rules §1). */
@ApiTags('settings')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Validation failed (`errors` names the fields).',
})
@Controller('settings/webhooks/endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiOperation({
    operationId: 'listWebhookEndpoints',
    summary: 'The tenant event endpoints.',
    description: EVENTS_DOC,
  })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  list(@CurrentCaller() caller: Caller): Promise<WebhookEndpointListDto> {
    return this.endpoints.list(caller);
  }

  @Post()
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiOperation({
    operationId: 'createWebhookEndpoint',
    summary: 'Add an event endpoint (at most 20 per tenant).',
    description: EVENTS_DOC,
  })
  @ApiCreatedResponse({ type: WebhookEndpointDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The tenant already has 20 endpoints.' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.create(caller, dto);
  }

  @Get(':id')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'One event endpoint.' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Webhook endpoint')) id: string,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.get(caller, id);
  }

  @Patch(':id')
  @Auth({ role: 'admin', refuseApiKeys: true })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    operationId: 'updateWebhookEndpoint',
    summary:
      'Change the URL, the events, or enable/disable an endpoint (portal sessions only: API keys get 403).',
  })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Webhook endpoint')) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    operationId: 'deleteWebhookEndpoint',
    summary: 'Remove an endpoint and its pending deliveries.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Webhook endpoint')) id: string,
  ): Promise<void> {
    await this.endpoints.delete(caller, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    operationId: 'testWebhookEndpoint',
    summary:
      'Queue a signed `webhook.test` event to the endpoint (also a disabled one); answers the pending delivery, whose outcome the delivery log shows.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  test(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Webhook endpoint')) id: string,
    @NoBody() _body: undefined,
  ): Promise<WebhookDeliveryDto> {
    return this.endpoints.test(caller, id);
  }

  @Get(':id/deliveries')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log of an endpoint, newest first: status, attempts, last answer.',
  })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  deliveries(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Webhook endpoint')) id: string,
    @Query() page: PaginationQueryDto,
  ): Promise<WebhookDeliveryListDto> {
    return this.endpoints.deliveries(caller, id, page);
  }
}
