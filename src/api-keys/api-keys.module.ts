import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity.js';
import { Environment } from './environment.entity.js';
import { Project } from './project.entity.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Project, Environment, ApiKey])],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ApiKeysModule {}
