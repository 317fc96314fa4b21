import { createZodDto } from 'nestjs-zod';
import { ClientCredentialsRequest, CreateOAuthClientRequest, OAuthClient, OAuthClientList, OAuthTokenResponse } from '@mrm/contracts';

export class CreateOAuthClientDto extends createZodDto(CreateOAuthClientRequest) {}
export class OAuthClientDto extends createZodDto(OAuthClient) {}
export class OAuthClientListDto extends createZodDto(OAuthClientList) {}
export class ClientCredentialsDto extends createZodDto(ClientCredentialsRequest) {}
export class OAuthTokenDto extends createZodDto(OAuthTokenResponse) {}
