import { zodDto } from '../common/dto.js';
import { ClientCredentialsRequest, CreateOAuthClientRequest, OAuthClient, OAuthClientList, OAuthTokenResponse } from '@mrm/contracts';

export class CreateOAuthClientDto extends zodDto(CreateOAuthClientRequest) {}
export class OAuthClientDto extends zodDto(OAuthClient) {}
export class OAuthClientListDto extends zodDto(OAuthClientList) {}
export class ClientCredentialsDto extends zodDto(ClientCredentialsRequest) {}
export class OAuthTokenDto extends zodDto(OAuthTokenResponse) {}
