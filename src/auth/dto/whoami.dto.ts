import { ApiProperty } from '@nestjs/swagger';
import { SCOPES, type Scope } from '../../common/scopes.js';

export class WhoamiRateLimitDto {
  @ApiProperty()
  requests_per_minute!: number;

  @ApiProperty({ description: 'Requests left in the current minute, after this one.' })
  remaining!: number;
}

export class WhoamiDto {
  @ApiProperty({ format: 'uuid' })
  key_id!: string;

  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty({ format: 'uuid' })
  project_id!: string;

  @ApiProperty({ format: 'uuid' })
  environment_id!: string;

  @ApiProperty({ example: 'sk_live_AbCd' })
  key_prefix!: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true })
  scopes!: Scope[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at!: string | null;

  @ApiProperty({ type: WhoamiRateLimitDto })
  rate_limit!: WhoamiRateLimitDto;
}
