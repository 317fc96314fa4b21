import { createZodDto } from 'nestjs-zod';
import { Client, ClientList, ClientListQuery, CreateClientRequest, UpdateClientRequest } from '@mrm/contracts';
import { isoReq } from '../common/http.js';
import type { ClientRow } from './clients.repository.js';

export class ClientDto extends createZodDto(Client) {}
export class ClientListDto extends createZodDto(ClientList) {}
export class ClientListQueryDto extends createZodDto(ClientListQuery) {}
export class CreateClientDto extends createZodDto(CreateClientRequest) {}
export class UpdateClientDto extends createZodDto(UpdateClientRequest) {}

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
