import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { ChangeFeed } from './change-feed.service.js';
import { dataSourceOptions, runMigrations } from './data-source.js';
import { openEmbedded } from './embedded.js';

/**
 * Which database this process runs on. Embedded: the PGlite instance (also used by the job queue),
 * opened with the DATA_DIR lock held; closed after the DataSource on shutdown.
 */
export class DatabaseHandle implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    readonly pglite: PGlite | undefined,
    private readonly closeEmbedded: () => Promise<void>,
    private readonly moduleRef: ModuleRef,
  ) {}

  get embedded(): boolean {
    return this.pglite !== undefined;
  }

  static async open(config: AppConfig, moduleRef: ModuleRef): Promise<DatabaseHandle> {
    if (!config.embedded) return new DatabaseHandle(undefined, async () => undefined, moduleRef);
    const { pglite, close } = await openEmbedded(config.dataDir);
    return new DatabaseHandle(pglite, close, moduleRef);
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      const dataSource = this.moduleRef.get(DataSource, { strict: false });
      if (dataSource.isInitialized) await dataSource.destroy();
    } catch (error) {
      this.logger.warn(`closing the data source: ${(error as Error).message}`);
    }
    await this.closeEmbedded();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DatabaseHandle,
      inject: [AppConfig, ModuleRef],
      useFactory: (config: AppConfig, moduleRef: ModuleRef) => DatabaseHandle.open(config, moduleRef),
    },
  ],
  exports: [DatabaseHandle],
})
class DatabaseHandleModule {}

function isEmbedded(options: DataSourceOptions): boolean {
  return (options as { extra?: { connection?: unknown } }).extra?.connection !== undefined;
}

@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        DatabaseHandleModule,
        TypeOrmModule.forRootAsync({
          imports: [DatabaseHandleModule],
          inject: [AppConfig, DatabaseHandle],
          useFactory: (config: AppConfig, handle: DatabaseHandle) => ({
            ...dataSourceOptions(config, handle.pglite),
            retryAttempts: 2,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            await dataSource.initialize();
            await runMigrations(dataSource, isEmbedded(options!));
            return dataSource;
          },
        }),
      ],
      providers: [ChangeFeed],
      exports: [DatabaseHandleModule, TypeOrmModule, ChangeFeed],
    };
  }
}
