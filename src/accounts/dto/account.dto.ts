import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../common/scopes.js';
import { MaxBytes } from '../../common/validators.js';
import { PLAN_NAMES, type PlanName } from '../../common/vocabulary.js';

export class SignupDto {
  @ApiProperty({ format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, at most 72 bytes (bcrypt).' })
  @IsString()
  @MinLength(10)
  @MaxBytes(72)
  password!: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  display_name?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      "Also the name of the new tenant (default: the email's domain, e.g. `example.com` for `ada@example.com`; never the address itself, since open search shows tenant names).",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  company?: string;
}

export class LoginDto {
  @ApiProperty({ format: 'email' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Tenant to sign in to (default: the first one joined).',
  })
  @IsOptional()
  @IsUUID()
  tenant_id?: string;
}

export class SwitchTenantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tenant_id!: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    description: 'null removes it; absent keeps it.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  display_name?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'null removes it; absent keeps it.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  company?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  current_password!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxBytes(72)
  new_password!: string;
}

export class TokenDto {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires.' })
  expires_in!: number;
}

export class LoginResponseDto extends TokenDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  display_name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  company!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class TenantSummaryDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: PLAN_NAMES, enumName: 'PlanName' })
  plan!: PlanName;
}

export class SignupResponseDto extends TokenDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ type: TenantSummaryDto })
  tenant!: TenantSummaryDto;
}

export class TenantMembershipDto extends TenantSummaryDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
}

export class TenantListDto {
  @ApiProperty({ type: [TenantMembershipDto] })
  tenants!: TenantMembershipDto[];
}

export class AccountDto extends UserDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
}
