import { Module } from '@nestjs/common';
import { CollectionsModule } from '../collections/collections.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { McpController } from './mcp.controller.js';
import { McpService } from './mcp.service.js';

/** rules §10: the MCP server at /mcp, over the collections services (and the rate limits of UsageModule). */
@Module({
  imports: [CollectionsModule, UsageModule],
  controllers: [McpController],
  providers: [McpService],
  exports: [McpService],
})
export class McpModule {}
