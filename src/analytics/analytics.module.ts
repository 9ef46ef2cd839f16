import { Global, Module } from '@nestjs/common';
import { KeyUsageService } from './key-usage.service.js';

/**
 * Global: the auth guard records per-key usage into KeyUsageService's in-memory buffer on every
 * API-key request; the key views read it back.
 */
@Global()
@Module({ providers: [KeyUsageService], exports: [KeyUsageService] })
export class AnalyticsModule {}
