import { zodDto } from '../common/dto.js';
import {
  BulkUpsertRequest, BulkUpsertResponse, CreateMediaPlanRequest, DecisionRequest, DiffQuery, LineItem, LineItemInput, LineItemList, LineItemPatch,
  MediaPlan, MediaPlanList, MediaPlanListQuery, MediaPlanWithTotals, PlanVersion, PlanVersionList, RejectRequest, StatusRequest, SubmitRequest,
  UpdateMediaPlanRequest, VersionDiff, type PlanStatus,
} from '@mrm/contracts';
import { iso, isoReq } from '../common/http.js';
import type { PlanRow } from './plans.repository.js';

export class MediaPlanDto extends zodDto(MediaPlan) {}
export class MediaPlanWithTotalsDto extends zodDto(MediaPlanWithTotals) {}
export class MediaPlanListDto extends zodDto(MediaPlanList) {}
export class MediaPlanListQueryDto extends zodDto(MediaPlanListQuery) {}
export class CreateMediaPlanDto extends zodDto(CreateMediaPlanRequest) {}
export class UpdateMediaPlanDto extends zodDto(UpdateMediaPlanRequest) {}
export class LineItemDto extends zodDto(LineItem) {}
export class LineItemListDto extends zodDto(LineItemList) {}
export class LineItemInputDto extends zodDto(LineItemInput) {}
export class LineItemPatchDto extends zodDto(LineItemPatch) {}
export class BulkUpsertDto extends zodDto(BulkUpsertRequest) {}
export class BulkUpsertResponseDto extends zodDto(BulkUpsertResponse) {}
export class SubmitDto extends zodDto(SubmitRequest) {}
export class DecisionDto extends zodDto(DecisionRequest) {}
export class RejectDto extends zodDto(RejectRequest) {}
export class StatusDto extends zodDto(StatusRequest) {}
export class PlanVersionDto extends zodDto(PlanVersion) {}
export class PlanVersionListDto extends zodDto(PlanVersionList) {}
export class VersionDiffDto extends zodDto(VersionDiff) {}
export class DiffQueryDto extends zodDto(DiffQuery) {}

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
