import { Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/api-error.js';
import { Auth } from '../common/auth.decorator.js';
import type { AuthenticatedRequest } from '../common/principal.js';
import { McpService } from './mcp.service.js';

/** Where agents connect: `/mcp`, beside `/api/v1` (excluded from the global prefix in app.factory.ts). */
export const MCP_PATH = 'mcp';

/**
 * The MCP endpoint (Streamable HTTP, stateless). Any valid API key, or none at all (open_search only);
 * a key that is sent goes through the same verification, IP allow-list and request limit as on REST.
 * Not in the OpenAPI document: it speaks JSON-RPC, not REST.
 */
@ApiExcludeController()
@Controller(MCP_PATH)
export class McpController {
  constructor(private readonly mcp: McpService) {}

  @Post()
  @Auth({ scopes: [], anonymous: true })
  @HttpCode(200)
  async post(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.mcp.handle(request, reply);
  }

  /**
   * Stateless server: no server-initiated stream to open (GET) and no session to end (DELETE).
   * Clients treat 405 as "not offered" (MCP Streamable HTTP).
   */
  @Get()
  @Auth({ scopes: [], anonymous: true })
  streamNotOffered(): never {
    throw methodNotAllowed();
  }

  @Delete()
  @Auth({ scopes: [], anonymous: true })
  sessionsNotKept(): never {
    throw methodNotAllowed();
  }
}

function methodNotAllowed(): ApiError {
  return new ApiError(
    405,
    'method_not_allowed',
    'This MCP server is stateless: send each JSON-RPC message with POST.',
    {},
    { allow: 'POST' },
  );
}
