import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth.decorator.js';
import { HealthDto } from './health.dto.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Liveness and dependencies; 503 while the database is down.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    description: 'The database is down (`status: "error"`).',
  })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const body = await this.health.report();
    if (body.status === 'error') reply.status(503);
    return body;
  }
}
