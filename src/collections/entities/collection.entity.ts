import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '../../tenancy/tenant.entity.js';

/** A tenant's named collection of records (rules §5). Created by the first schema, record or upload. */
@Entity('collections')
@Index('collections_tenant_name_key', ['tenantId', 'name'], { unique: true })
export class Collection {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  /** Bumped by database triggers whenever the collection's records, words or schemas change (SearchCache). */
  @Column({ name: 'search_version', type: 'bigint', default: 0, select: false })
  searchVersion!: string;

  /** Bumped by a database trigger whenever the collection's record schemas change (SearchService). */
  @Column({ name: 'schema_version', type: 'bigint', default: 0, select: false })
  schemaVersion!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}
