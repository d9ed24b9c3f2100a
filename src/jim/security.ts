/** Security roles and API keys. */
import { type JimClient, jimPath } from "./client.js";

export interface RoleDto {
  id: number;
  name: string;
  builtIn: boolean;
  created: string;
  staticMemberCount: number;
}

export interface RoleMemberDto {
  id: string;
  displayName: string | null;
  type: { id: number; name: string } | null;
}

export interface ApiKeyDto {
  id: string;
  name: string;
  description: string | null;
  keyPrefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedFromIp: string | null;
  isEnabled: boolean;
  roles: RoleDto[];
}

/** Only the create response carries the secret `key`. */
export interface ApiKeyCreateResponse extends ApiKeyDto {
  key: string;
}

export interface ApiKeyCreateRequest {
  name: string;
  description: string | null;
  roleIds: number[];
  expiresAt: string | null;
  changeReason?: string | undefined;
}

/** PUT /apikeys/{id} replaces everything: omitted isEnabled disables, omitted roleIds strips roles. */
export interface ApiKeyUpdateRequest extends ApiKeyCreateRequest {
  isEnabled: boolean;
}

const what = (id: string) => `API key ${id}`;

export function listRoles(jim: JimClient, signal?: AbortSignal): Promise<RoleDto[]> {
  return jim.get("/security/roles", { signal });
}

export function getRole(jim: JimClient, roleId: number, signal?: AbortSignal): Promise<RoleDto> {
  return jim.get(`/security/roles/${roleId}`, { signal, what: `role ${roleId}` });
}

export function listRoleMembers(
  jim: JimClient,
  roleId: number,
  signal?: AbortSignal,
): Promise<RoleMemberDto[]> {
  return jim.get(`/security/roles/${roleId}/members`, { signal, what: `role ${roleId}` });
}

export function listApiKeys(jim: JimClient, signal?: AbortSignal): Promise<ApiKeyDto[]> {
  return jim.get("/apikeys", { signal });
}

export function getApiKey(jim: JimClient, id: string, signal?: AbortSignal): Promise<ApiKeyDto> {
  return jim.get(jimPath`/apikeys/${id}`, { signal, what: what(id) });
}

export async function createApiKey(
  jim: JimClient,
  body: ApiKeyCreateRequest,
  signal?: AbortSignal,
): Promise<ApiKeyCreateResponse> {
  const r = await jim.request<ApiKeyCreateResponse>({ method: "POST", path: "/apikeys", body, signal });
  return r.data;
}

export async function updateApiKey(
  jim: JimClient,
  id: string,
  body: ApiKeyUpdateRequest,
  signal?: AbortSignal,
): Promise<ApiKeyDto> {
  const r = await jim.request<ApiKeyDto>({
    method: "PUT",
    path: jimPath`/apikeys/${id}`,
    body,
    signal,
    what: what(id),
  });
  return r.data;
}

export async function deleteApiKey(
  jim: JimClient,
  id: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  await jim.request({
    method: "DELETE",
    path: jimPath`/apikeys/${id}`,
    query: { changeReason },
    signal,
    what: what(id),
  });
}
