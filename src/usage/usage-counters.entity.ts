import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Tenant } from '../tenancy/tenant.entity.js';

/**
 * Searches per tenant per UTC month (`period` = "YYYY-MM"): what usage and billing read (rules §7).
 * Written only by MeteringService, as atomic increments.
 */
@Entity('usage_search_counts')
export class UsageSearchCount {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'bigint', default: 0 })
  searches!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}

/**
 * Open searches per (tenant, collection, UTC month): each open search in which a tenant's
 * collection appeared in the results counts one (rules §5), for the tenant's analytics (rules §7).
 */
@Entity('usage_open_search_counts')
export class UsageOpenSearchCount {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63 })
  collection!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ name: 'open_searches', type: 'bigint', default: 0 })
  openSearches!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Relation<Tenant>;
}
