import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { KeyEnvironmentKind } from './api-key-format.js';
import { Project } from './project.entity.js';

export const ENVIRONMENT_KINDS = ['live', 'test'] as const;

/** An environment of a project; its kind decides the key prefix (`sk_live_` / `sk_test_`). */
@Entity('environments')
@Check('environments_kind_check', `"kind" IN ('live', 'test')`)
@Index('environments_project_name_key', ['projectId', 'name'], { unique: true })
@Index('environments_tenant_idx', ['tenantId'])
export class Environment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: KeyEnvironmentKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;
}
