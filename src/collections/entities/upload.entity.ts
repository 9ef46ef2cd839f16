import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { ActorType } from '../../common/vocabulary.js';
import type { StoredUploadStatus, UploadFormat, UploadMode } from '../collections.constants.js';
import { Collection } from './collection.entity.js';

export interface UploadRowError {
  row: number;
  message: string;
}

/**
 * One upload (a multipart file or a JSON batch) and its progress. The bytes live in `upload_chunks`
 * (so any instance's worker can process them); `rows_done` advances in the same transaction as the
 * records of each chunk, which makes a resumed upload continue exactly where the last commit ended.
 */
@Entity('uploads')
@Check('uploads_status_check', `"status" IN ('receiving', 'pending', 'processing', 'completed', 'failed')`)
@Check('uploads_mode_check', `"mode" IN ('append', 'upsert', 'replace')`)
@Check('uploads_format_check', `"format" IN ('csv', 'json', 'ndjson')`)
@Check(
  'uploads_collection_check',
  `"collection_id" IS NOT NULL OR ("collection_name" IS NOT NULL AND "status" = 'failed')`,
)
@Index('uploads_collection_idx', ['tenantId', 'collectionId', 'createdAt'])
@Index('uploads_active_replace_idx', ['collectionId'], {
  where: `"mode" = 'replace' AND "status" IN ('receiving', 'pending', 'processing')`,
})
@Index('uploads_receiving_idx', ['updatedAt'], { where: `"status" = 'receiving'` })
export class Upload {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  /**
   * null only for the failed upload of an unparseable file whose collection it had created: that
   * collection is dropped (the file changes nothing) while the upload stays readable by id.
   */
  @Column({ name: 'collection_id', type: 'uuid', nullable: true })
  collectionId!: string | null;

  /** The collection's name, kept once the upload is detached from it (collection_id null). */
  @Column({ name: 'collection_name', type: 'varchar', length: 63, nullable: true })
  collectionName!: string | null;

  @Column({ name: 'record_type', type: 'varchar', length: 63 })
  recordType!: string;

  @Column({ type: 'varchar', length: 10 })
  mode!: UploadMode;

  @Column({ type: 'varchar', length: 10 })
  format!: UploadFormat;

  @Column({ type: 'varchar', length: 16 })
  status!: StoredUploadStatus;

  @Column({ type: 'varchar', length: 255, nullable: true })
  filename!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', default: 0 })
  sizeBytes!: string;

  @Column({ name: 'rows_total', type: 'int', default: 0 })
  rowsTotal!: number;

  /** Rows handled so far (committed with their records): where a resumed run continues. */
  @Column({ name: 'rows_done', type: 'int', default: 0 })
  rowsDone!: number;

  @Column({ name: 'rows_indexed', type: 'int', default: 0 })
  rowsIndexed!: number;

  @Column({ name: 'rows_failed', type: 'int', default: 0 })
  rowsFailed!: number;

  /** The first 100 row errors. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: UploadRowError[];

  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType!: ActorType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @ManyToOne(() => Collection, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'collection_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  collection?: Relation<Collection>;
}
