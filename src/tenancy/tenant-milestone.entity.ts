import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export const QUICKSTART_STEPS = ['create_api_key', 'define_schema', 'upload_data', 'first_search'] as const;
export type QuickstartStep = (typeof QUICKSTART_STEPS)[number];

/** The first time a tenant did each quickstart step (rules §7), written once. */
@Entity('tenant_milestones')
@Check(
  'tenant_milestones_step_check',
  `"step" IN ('create_api_key', 'define_schema', 'upload_data', 'first_search')`,
)
export class TenantMilestone {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  step!: QuickstartStep;

  @Column({ name: 'completed_at', type: 'timestamptz', default: () => 'now()' })
  completedAt!: Date;
}
