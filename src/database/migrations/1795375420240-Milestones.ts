import { MigrationInterface, QueryRunner } from 'typeorm';

export class Milestones1795375420240 implements MigrationInterface {
  name = 'Milestones1795375420240';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tenant_milestones" ("tenant_id" uuid NOT NULL, "step" character varying(32) NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenant_milestones_step_check" CHECK ("step" IN ('create_api_key', 'define_schema', 'upload_data', 'first_search')), CONSTRAINT "PK_97e7b19a6e6a73bcdcdf47fa5d9" PRIMARY KEY ("tenant_id", "step"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenant_milestones"`);
  }
}
