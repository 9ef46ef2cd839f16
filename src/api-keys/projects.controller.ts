import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { ErrorDto } from '../common/error.dto.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import {
  CreateEnvironmentDto,
  EnvironmentDto,
  EnvironmentListDto,
  ProjectDetailDto,
  ProjectListDto,
  ProjectNameDto,
} from './dto/project.dto.js';
import { ProjectsService } from './projects.service.js';

/** rules §4 projects and environments: reads for viewers / keys:read, writes for admins / keys:write. */
@ApiTags('projects')
@ApiUnprocessableEntityResponse({
  type: ErrorDto,
  description: 'Validation failed (`errors` names the fields).',
})
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Auth({ scopes: ['keys:read'], role: 'viewer' })
  @ApiOperation({
    operationId: 'listProjects',
    summary: 'Projects of the tenant, oldest first, with their active-key counts.',
  })
  @ApiOkResponse({ type: ProjectListDto })
  list(@CurrentCaller() caller: Caller, @Query() page: PaginationQueryDto): Promise<ProjectListDto> {
    return this.projects.list(caller, page);
  }

  @Post()
  @Auth({ scopes: ['keys:write'], role: 'admin' })
  @ApiOperation({
    operationId: 'createProject',
    summary: 'Create a project with environments `production` (live) and `development` (test).',
  })
  @ApiCreatedResponse({ type: ProjectDetailDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'A project with this name exists.' })
  create(@CurrentCaller() caller: Caller, @Body() dto: ProjectNameDto): Promise<ProjectDetailDto> {
    return this.projects.create(caller, dto);
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Project id (anything else answers 404).' })
  @Auth({ scopes: ['keys:read'], role: 'viewer' })
  @ApiOperation({ operationId: 'getProject', summary: 'One project, with its environments.' })
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Project')) id: string,
  ): Promise<ProjectDetailDto> {
    return this.projects.get(caller, id);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Project id (anything else answers 404).' })
  @Auth({ scopes: ['keys:write'], role: 'admin' })
  @ApiOperation({
    operationId: 'updateProject',
    summary: 'Rename a project (the `default` project keeps its name: 409).',
  })
  @ApiOkResponse({ type: ProjectDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Name taken, or the `default` project.' })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Project')) id: string,
    @Body() dto: ProjectNameDto,
  ): Promise<ProjectDetailDto> {
    return this.projects.rename(caller, id, dto);
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Project id (anything else answers 404).' })
  @Auth({ scopes: ['keys:write'], role: 'admin' })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteProject',
    summary:
      'Delete a project with its environments and its revoked/expired keys. 409 while it has keys that still work (active or in grace), and for the `default` project.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Project')) id: string,
  ): Promise<void> {
    await this.projects.delete(caller, id);
  }

  @Get(':id/environments')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Project id (anything else answers 404).' })
  @Auth({ scopes: ['keys:read'], role: 'viewer' })
  @ApiOperation({ operationId: 'listEnvironments', summary: 'Environments of a project.' })
  @ApiOkResponse({ type: EnvironmentListDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  environments(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Project')) id: string,
  ): Promise<EnvironmentListDto> {
    return this.projects.environments(caller, id);
  }

  @Post(':id/environments')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Project id (anything else answers 404).' })
  @Auth({ scopes: ['keys:write'], role: 'admin' })
  @ApiOperation({
    operationId: 'createEnvironment',
    summary: 'Add an environment; its kind decides the key prefix (`sk_live_` / `sk_test_`).',
  })
  @ApiCreatedResponse({ type: EnvironmentDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The project has an environment with this name.' })
  createEnvironment(
    @CurrentCaller() caller: Caller,
    @Param('id', new IdParamPipe('Project')) id: string,
    @Body() dto: CreateEnvironmentDto,
  ): Promise<EnvironmentDto> {
    return this.projects.createEnvironment(caller, id, dto);
  }
}
