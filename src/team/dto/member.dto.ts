import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROLES, type Role } from '../../common/scopes.js';
import { MEMBER_STATUSES, type MemberStatus } from '../../tenancy/membership.entity.js';

@ApiSchema({
  description: "A member of the tenant. `status` `blocked`: the member's tokens are refused until unblocked.",
})
export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  display_name!: string | null;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' })
  status!: MemberStatus;

  @ApiProperty({ format: 'date-time' })
  joined_at!: string;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto], description: 'In the order they joined.' })
  members!: MemberDto[];
}

export class ChangeMemberRoleDto {
  @ApiProperty({
    enum: ROLES,
    enumName: 'Role',
    description:
      'Only owners grant or remove `owner`; the last active owner cannot be demoted (409 `last_owner`).',
  })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}
