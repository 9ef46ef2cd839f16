import {
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
import type { FieldDefinition } from '../schema/field-definition.js';
import { Collection } from './collection.entity.js';

/** The schema of one record type of a collection: its `collection_data` fields. */
@Entity('record_schemas')
@Index('record_schemas_collection_type_key', ['tenantId', 'collectionId', 'recordType'], { unique: true })
export class RecordSchema {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'collection_id', type: 'uuid' })
  collectionId!: string;

  @Column({ name: 'record_type', type: 'varchar', length: 63 })
  recordType!: string;

  @Column({ type: 'jsonb' })
  fields!: FieldDefinition[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Collection, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'collection_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  collection?: Relation<Collection>;
}
