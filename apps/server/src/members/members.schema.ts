import { zodDto } from '../common/dto.js';
import { AcceptInvitationRequest, Invitation, InvitationList, InviteRequest, Member, MemberList, TokenResponse, UpdateMemberRequest } from '@mrm/contracts';

export class MemberDto extends zodDto(Member) {}
export class MemberListDto extends zodDto(MemberList) {}
export class InviteDto extends zodDto(InviteRequest) {}
export class InvitationDto extends zodDto(Invitation) {}
export class InvitationListDto extends zodDto(InvitationList) {}
export class AcceptInvitationDto extends zodDto(AcceptInvitationRequest) {}
export class UpdateMemberDto extends zodDto(UpdateMemberRequest) {}
export class AcceptedDto extends zodDto(TokenResponse) {}
