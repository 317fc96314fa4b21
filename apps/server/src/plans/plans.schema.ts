import { createZodDto } from 'nestjs-zod';
import {
  BulkUpsertRequest, BulkUpsertResponse, CreateMediaPlanRequest, DecisionRequest, DiffQuery, LineItem, LineItemInput, LineItemList, LineItemPatch,
  MediaPlan, MediaPlanList, MediaPlanListQuery, MediaPlanWithTotals, PlanVersion, PlanVersionList, RejectRequest, StatusRequest, SubmitRequest,
  UpdateMediaPlanRequest, VersionDiff, type PlanStatus,
} from '@mrm/contracts';
import { iso, isoReq } from '../common/http.js';
import type { PlanRow } from './plans.repository.js';

export class MediaPlanDto extends createZodDto(MediaPlan) {}
export class MediaPlanWithTotalsDto extends createZodDto(MediaPlanWithTotals) {}
export class MediaPlanListDto extends createZodDto(MediaPlanList) {}
export class MediaPlanListQueryDto extends createZodDto(MediaPlanListQuery) {}
export class CreateMediaPlanDto extends createZodDto(CreateMediaPlanRequest) {}
export class UpdateMediaPlanDto extends createZodDto(UpdateMediaPlanRequest) {}
export class LineItemDto extends createZodDto(LineItem) {}
export class LineItemListDto extends createZodDto(LineItemList) {}
export class LineItemInputDto extends createZodDto(LineItemInput) {}
export class LineItemPatchDto extends createZodDto(LineItemPatch) {}
export class BulkUpsertDto extends createZodDto(BulkUpsertRequest) {}
export class BulkUpsertResponseDto extends createZodDto(BulkUpsertResponse) {}
export class SubmitDto extends createZodDto(SubmitRequest) {}
export class DecisionDto extends createZodDto(DecisionRequest) {}
export class RejectDto extends createZodDto(RejectRequest) {}
export class StatusDto extends createZodDto(StatusRequest) {}
export class PlanVersionDto extends createZodDto(PlanVersion) {}
export class PlanVersionListDto extends createZodDto(PlanVersionList) {}
export class VersionDiffDto extends createZodDto(VersionDiff) {}
export class DiffQueryDto extends createZodDto(DiffQuery) {}

export function toPlan(row: PlanRow) {
  return {
    id: row.id,
    projectId: row.projectId,
    clientId: row.clientId,
    name: row.name,
    currency: row.currency,
    budget: row.budget,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status as PlanStatus,
    vatRate: trimPercent(row.vatRate),
    agencyCommission: trimPercent(row.agencyCommission),
    notes: row.notes,
    latestVersion: row.latestVersion,
    approvedVersion: row.approvedVersion,
    version: row.version,
    createdAt: isoReq(row.createdAt),
    updatedAt: iso(row.updatedAt)!,
  };
}

/** "20.00" → "20", "12.50" → "12.5": percentages read as people write them. */
const trimPercent = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
