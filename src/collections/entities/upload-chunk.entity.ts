import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Upload } from './upload.entity.js';

/** The uploaded bytes, in order, in pieces of about 1 MiB: in the database, so every instance can read them. */
@Entity('upload_chunks')
export class UploadChunk {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'upload_id', type: 'uuid' })
  uploadId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;

  @ManyToOne(() => Upload, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'upload_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  upload?: Relation<Upload>;
}
