import { Module } from '@nestjs/common';
import { CollectionsModule } from '../collections/collections.module.js';
import { McpController } from './mcp.controller.js';
import { McpService } from './mcp.service.js';

/** rules §10: the MCP server at /mcp, over the collections services (rate limits come from the global UsageModule). */
@Module({
  imports: [CollectionsModule],
  controllers: [McpController],
  providers: [McpService],
  exports: [McpService],
})
export class McpModule {}
