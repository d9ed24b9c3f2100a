/** Service settings, addressed by dotted key (percent-encoded in paths). */
import { type JimClient, jimPath } from "./client.js";

export type ServiceSettingCategory =
  | "SSO"
  | "Synchronisation"
  | "Maintenance"
  | "History"
  | "Security"
  | "UI"
  | "Instance";
export const SERVICE_SETTING_CATEGORIES = [
  "SSO",
  "Synchronisation",
  "Maintenance",
  "History",
  "Security",
  "UI",
  "Instance",
] as const;

export interface ServiceSettingDto {
  key: string;
  displayName: string;
  description: string | null;
  category: string;
  valueType: string;
  defaultValue: string | null;
  value: string | null;
  effectiveValue: string | null;
  isReadOnly: boolean;
  isOverridden: boolean;
}

const what = (key: string) => `service setting '${key}'`;

export function listServiceSettings(jim: JimClient, signal?: AbortSignal): Promise<ServiceSettingDto[]> {
  return jim.get("/service-settings", { signal });
}

export function getServiceSetting(
  jim: JimClient,
  key: string,
  signal?: AbortSignal,
): Promise<ServiceSettingDto> {
  return jim.get(jimPath`/service-settings/${key}`, { signal, what: what(key) });
}

export async function setServiceSetting(
  jim: JimClient,
  key: string,
  value: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<ServiceSettingDto> {
  const body: Record<string, unknown> = { value };
  if (changeReason !== undefined) body.changeReason = changeReason;
  const r = await jim.request<ServiceSettingDto>({
    method: "PUT",
    path: jimPath`/service-settings/${key}`,
    body,
    signal,
    what: what(key),
  });
  return r.data;
}

export async function revertServiceSetting(
  jim: JimClient,
  key: string,
  changeReason: string | undefined,
  signal?: AbortSignal,
): Promise<ServiceSettingDto> {
  const r = await jim.request<ServiceSettingDto>({
    method: "DELETE",
    path: jimPath`/service-settings/${key}`,
    query: { changeReason },
    signal,
    what: what(key),
  });
  return r.data;
}
