// Cookie names, importable from the proxy too (which must not load server-only modules).
export const ACCESS_COOKIE = 'mrm_access';
export const REFRESH_COOKIE = 'mrm_refresh';
/** The workspace chosen in the header; without it the API acts in the token's (the first joined). */
export const TENANT_COOKIE = 'mrm_tenant';
