import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ENVIRONMENT_KINDS } from '../environment.entity.js';
import type { KeyEnvironmentKind } from '../api-key-format.js';

export class EnvironmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({
    enum: ENVIRONMENT_KINDS,
    enumName: 'EnvironmentKind',
    description: 'Keys of `live` environments start `sk_live_`, of `test` ones `sk_test_`.',
  })
  kind!: KeyEnvironmentKind;
}

export class EnvironmentListDto {
  @ApiProperty({ type: [EnvironmentDto] })
  environments!: EnvironmentDto[];
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ description: 'Keys with status `active` in this project.' })
  active_key_count!: number;

  @ApiProperty({ description: "At most this many active keys per project (the plan's)." })
  key_limit!: number;
}

export class ProjectDetailDto extends ProjectDto {
  @ApiProperty({ type: [EnvironmentDto] })
  environments!: EnvironmentDto[];
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectDto] })
  projects!: ProjectDto[];
}

export class ProjectNameDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    pattern: '\\S',
    description: 'Not blank; unique in the tenant (409 otherwise).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class CreateEnvironmentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    pattern: '\\S',
    description: 'Not blank; unique in the project (409 otherwise).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: ENVIRONMENT_KINDS, enumName: 'EnvironmentKind' })
  @IsIn(ENVIRONMENT_KINDS, { message: `kind must be one of: ${ENVIRONMENT_KINDS.join(', ')}` })
  kind!: KeyEnvironmentKind;
}
