import { zodDto } from '../common/dto.js';
import { CreateProjectRequest, Project, ProjectList, ProjectListQuery, UpdateProjectRequest, type PROJECT_OBJECTIVES, type PROJECT_STATUSES } from '@mrm/contracts';
import { isoReq } from '../common/http.js';
import type { ProjectRow } from './projects.repository.js';

export class ProjectDto extends zodDto(Project) {}
export class ProjectListDto extends zodDto(ProjectList) {}
export class ProjectListQueryDto extends zodDto(ProjectListQuery) {}
export class CreateProjectDto extends zodDto(CreateProjectRequest) {}
export class UpdateProjectDto extends zodDto(UpdateProjectRequest) {}

export function toProject(row: ProjectRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    objective: row.objective as (typeof PROJECT_OBJECTIVES)[number] | null,
    budget: row.budget,
    currency: row.currency,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status as (typeof PROJECT_STATUSES)[number],
    version: row.version,
    createdAt: isoReq(row.createdAt),
    updatedAt: isoReq(row.updatedAt),
  };
}
