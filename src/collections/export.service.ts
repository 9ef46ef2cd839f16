import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import type { TenantId } from '../common/tenant-id.js';
import { toRecordDto } from './collections.mapper.js';
import { CollectionsRepository } from './collections.repository.js';
import { RecordsRepository } from './records.repository.js';

const PAGE = 1000;

/**
 * `GET /export/{collection}`: every live record as NDJSON (one record per line, the SPEC record
 * shape), read page by page in insertion order. The stream is pulled by the response, so at most
 * one page is in memory however large the collection, and a slow client slows the reads (backpressure).
 * No transaction is held between pages (a PGlite database stays usable meanwhile).
 */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collections: CollectionsRepository,
    private readonly records: RecordsRepository,
  ) {}

  /** The NDJSON download of a collection (both doors: `/export/{collection}` and the portal's). */
  async file(tenantId: TenantId, collection: string, recordType?: string): Promise<StreamableFile> {
    const db = this.dataSource;
    const ref = await this.collections.find(db, tenantId, collection);
    if (!ref) throw ApiError.notFound('Collection');
    const records = this.records;
    async function* lines(): AsyncGenerator<string> {
      let after: string | null = null;
      for (;;) {
        const page = await records.page(db, tenantId, ref!.id, recordType, after, PAGE);
        if (page.length === 0) return;
        let text = '';
        for (const row of page) text += `${JSON.stringify(toRecordDto(row, ref!.name))}\n`;
        yield text;
        after = page[page.length - 1].seq;
        if (page.length < PAGE) return;
      }
    }
    return new StreamableFile(Readable.from(lines(), { objectMode: false, highWaterMark: 1 }), {
      type: 'application/x-ndjson',
      disposition: `attachment; filename="${ref.name}.ndjson"`,
    });
  }
}
