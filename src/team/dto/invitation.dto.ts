import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { TokenDto } from '../../accounts/dto/account.dto.js';
import { ROLES, type Role } from '../../common/scopes.js';
import {
  EMAIL_DISPATCH_STATUSES,
  INVITATION_STATUSES,
  type EmailDispatchStatus,
  type InvitationStatus,
} from '../../tenancy/invitation.entity.js';

export class CreateInvitationDto {
  @ApiProperty({ format: 'email', maxLength: 320, example: 'dana@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}

export class InvitationCreatedDto {
  @ApiProperty({ format: 'uuid' })
  invitation_id!: string;

  @ApiProperty({ description: 'Lower-cased.' })
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ format: 'date-time', description: '7 days after creation.' })
  expires_at!: string;

  @ApiProperty({ enum: EMAIL_DISPATCH_STATUSES, enumName: 'EmailDispatchStatus' })
  email_dispatch_status!: EmailDispatchStatus;
}

@ApiSchema({
  description:
    '`status`: `pending` until accepted, revoked (also when replaced by a newer invitation of the same email) or past `expires_at` (`expired`). `email_dispatch_status`: `queued` until the background job has sent the mail (`sent`) or given up (`failed`: permanent SMTP refusal, retries exhausted, or the invitation withdrawn before the mail went out).',
})
export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  invitation_id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ enum: INVITATION_STATUSES, enumName: 'InvitationStatus' })
  status!: InvitationStatus;

  @ApiProperty({ enum: EMAIL_DISPATCH_STATUSES, enumName: 'EmailDispatchStatus' })
  email_dispatch_status!: EmailDispatchStatus;

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto], description: 'Newest first.' })
  invitations!: InvitationDto[];
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The `token` of the link in the invitation mail.', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

export class AcceptedInvitationDto extends TokenDto {
  @ApiProperty({ format: 'uuid', description: 'The tenant joined; the token is for this tenant.' })
  tenant_id!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
}
