import { zodDto } from '../common/dto.js';
import { Client, ClientList, ClientListQuery, CreateClientRequest, UpdateClientRequest } from '@mrm/contracts';
import { isoReq } from '../common/http.js';
import type { ClientRow } from './clients.repository.js';

export class ClientDto extends zodDto(Client) {}
export class ClientListDto extends zodDto(ClientList) {}
export class ClientListQueryDto extends zodDto(ClientListQuery) {}
export class CreateClientDto extends zodDto(CreateClientRequest) {}
export class UpdateClientDto extends zodDto(UpdateClientRequest) {}

export function toClient(row: ClientRow) {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    taxId: row.taxId,
    industry: row.industry,
    status: row.status as 'active' | 'archived',
    version: row.version,
    createdAt: isoReq(row.createdAt),
    updatedAt: isoReq(row.updatedAt),
  };
}
