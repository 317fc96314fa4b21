import { createZodDto } from 'nestjs-zod';
import { AcceptInvitationRequest, Invitation, InvitationList, InviteRequest, Member, MemberList, TokenResponse, UpdateMemberRequest } from '@mrm/contracts';

export class MemberDto extends createZodDto(Member) {}
export class MemberListDto extends createZodDto(MemberList) {}
export class InviteDto extends createZodDto(InviteRequest) {}
export class InvitationDto extends createZodDto(Invitation) {}
export class InvitationListDto extends createZodDto(InvitationList) {}
export class AcceptInvitationDto extends createZodDto(AcceptInvitationRequest) {}
export class UpdateMemberDto extends createZodDto(UpdateMemberRequest) {}
export class AcceptedDto extends createZodDto(TokenResponse) {}
