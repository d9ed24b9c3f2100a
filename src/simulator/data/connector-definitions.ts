/**
 * Installed connector definitions: the three the sample systems use (ids match
 * their `connectorId`) and one third-party definition nobody uses yet.
 */
import type { ConnectorDefinitionSetting } from "../../jim/schema.js";
import type { SimState } from "../state.js";

export interface SimConnectorDefinition {
  id: number;
  name: string;
  description: string;
  url: string | null;
  builtIn: boolean;
  created: string;
  lastUpdated: string | null;
  version: string;
  files: string[];
  schemaStandard: "NotSet" | "Scim" | "Ldap" | "Jim";
  /** Capability names without the `supports` prefix, e.g. "FullImport". */
  supports: string[];
  settings: ConnectorDefinitionSetting[];
}

export const ALL_CAPABILITIES = [
  "FullImport",
  "DeltaImport",
  "Export",
  "Partitions",
  "PartitionContainers",
  "SecondaryExternalId",
  "UserSelectedExternalId",
  "UserSelectedAttributeTypes",
  "AutoConfirmExport",
  "ParallelExport",
  "Paging",
  "FilePaths",
  "PasswordSet",
  "PasswordPolicyDiscovery",
  "UniquenessProbe",
] as const;

type SettingSpec = Partial<ConnectorDefinitionSetting> & { name: string; category: string; type: string };

function build(): SimConnectorDefinition[] {
  let settingId = 0;
  const s = (spec: SettingSpec): ConnectorDefinitionSetting => ({
    id: ++settingId,
    description: null,
    defaultCheckboxValue: null,
    defaultStringValue: null,
    defaultIntValue: null,
    dropDownValues: null,
    required: false,
    requiredGroup: null,
    requiredGroupCardinality: "AtLeastOne",
    requiredWhenSetting: null,
    requiredWhenValue: null,
    ...spec,
  });
  return [
    {
      id: 1,
      name: "File Connector",
      description: "Reads and writes delimited text files (CSV and similar) on the JIM server.",
      url: null,
      builtIn: true,
      created: "2026-01-05T09:00:00.000Z",
      lastUpdated: "2026-06-30T09:00:00.000Z",
      version: "1.6.0",
      files: ["JIM.Connectors.dll"],
      schemaStandard: "NotSet",
      supports: ["FullImport", "Export", "FilePaths", "UserSelectedExternalId", "UserSelectedAttributeTypes"],
      settings: [
        s({ name: "Import file path", category: "Import", type: "File", required: true }),
        s({
          name: "Delimiter",
          category: "General",
          type: "DropDown",
          dropDownValues: ["Comma", "Semicolon", "Tab", "Pipe"],
          defaultStringValue: "Comma",
          required: true,
        }),
        s({
          name: "First row holds column names",
          category: "General",
          type: "CheckBox",
          defaultCheckboxValue: true,
        }),
        s({
          name: "Encoding",
          category: "General",
          type: "DropDown",
          dropDownValues: ["UTF-8", "UTF-16", "Windows-1252"],
          defaultStringValue: "UTF-8",
        }),
        s({ name: "Object type name", category: "Schema", type: "String", defaultStringValue: "person" }),
        s({ name: "Export", category: "Export", type: "Heading" }),
        s({ name: "Export file path", category: "Export", type: "File" }),
      ],
    },
    {
      id: 2,
      name: "LDAP",
      description: "Active Directory and other LDAP v3 directories: users, groups and containers.",
      url: null,
      builtIn: true,
      created: "2026-01-05T09:00:00.000Z",
      lastUpdated: "2026-07-14T09:00:00.000Z",
      version: "2.3.1",
      files: ["JIM.Connectors.dll"],
      schemaStandard: "Ldap",
      supports: [
        "FullImport",
        "DeltaImport",
        "Export",
        "Partitions",
        "PartitionContainers",
        "SecondaryExternalId",
        "ParallelExport",
        "Paging",
        "PasswordSet",
        "PasswordPolicyDiscovery",
        "UniquenessProbe",
      ],
      settings: [
        s({ name: "Connection", category: "Connectivity", type: "Heading" }),
        s({ name: "Host", category: "Connectivity", type: "String", required: true }),
        s({ name: "Port", category: "Connectivity", type: "Integer", defaultIntValue: 636, required: true }),
        s({ name: "Use TLS", category: "Connectivity", type: "CheckBox", defaultCheckboxValue: true }),
        s({
          name: "Authentication",
          category: "Connectivity",
          type: "DropDown",
          dropDownValues: ["Simple", "Negotiate", "Kerberos"],
          defaultStringValue: "Negotiate",
        }),
        s({ name: "Bind account", category: "Connectivity", type: "String", required: true }),
        s({ name: "Bind password", category: "Connectivity", type: "StringEncrypted", required: true }),
        s({ name: "Timeout (seconds)", category: "Connectivity", type: "Integer", defaultIntValue: 60 }),
        s({ name: "", category: "General", type: "Divider" }),
        s({
          name: "Directory type",
          category: "General",
          type: "DropDown",
          dropDownValues: ["Active Directory", "OpenLDAP", "Generic LDAP"],
          defaultStringValue: "Active Directory",
        }),
        s({ name: "Search page size", category: "Import", type: "Integer", defaultIntValue: 500 }),
        s({
          name: "When an object is deprovisioned",
          category: "Export",
          type: "DropDown",
          dropDownValues: ["Delete", "Disable"],
          defaultStringValue: "Disable",
        }),
      ],
    },
    {
      id: 3,
      name: "SCIM 2.0",
      description: "Any SCIM 2.0 service provider (RFC 7643/7644): users and groups over HTTPS.",
      url: "https://www.rfc-editor.org/rfc/rfc7644",
      builtIn: true,
      created: "2026-01-05T09:00:00.000Z",
      lastUpdated: null,
      version: "1.2.0",
      files: ["JIM.Connectors.dll"],
      schemaStandard: "Scim",
      supports: ["FullImport", "Export", "Paging", "PasswordSet"],
      settings: [
        s({ name: "Base URL", category: "Connectivity", type: "String", required: true }),
        s({
          name: "Authentication method",
          category: "Connectivity",
          type: "DropDown",
          dropDownValues: ["Bearer token", "OAuth 2.0 client credentials", "Basic"],
          defaultStringValue: "Bearer token",
          required: true,
        }),
        s({
          name: "Bearer token",
          category: "Connectivity",
          type: "StringEncrypted",
          requiredWhenSetting: "Authentication method",
          requiredWhenValue: "Bearer token",
        }),
        s({
          name: "Client id",
          category: "Connectivity",
          type: "String",
          requiredWhenSetting: "Authentication method",
          requiredWhenValue: "OAuth 2.0 client credentials",
        }),
        s({
          name: "Client secret",
          category: "Connectivity",
          type: "StringEncrypted",
          requiredWhenSetting: "Authentication method",
          requiredWhenValue: "OAuth 2.0 client credentials",
        }),
        s({ name: "Page size", category: "Import", type: "Integer", defaultIntValue: 100 }),
      ],
    },
    {
      id: 4,
      name: "SQL Table",
      description: "Third-party connector for one table or view in SQL Server or PostgreSQL.",
      url: null,
      builtIn: false,
      created: "2026-05-20T14:30:00.000Z",
      lastUpdated: null,
      version: "0.9.2",
      files: ["Contoso.Jim.SqlConnector.dll", "Npgsql.dll"],
      schemaStandard: "NotSet",
      supports: ["FullImport", "DeltaImport", "Export", "UserSelectedExternalId", "Paging"],
      settings: [
        s({
          name: "Provider",
          category: "Connectivity",
          type: "DropDown",
          dropDownValues: ["SqlServer", "PostgreSQL"],
          required: true,
        }),
        s({ name: "Connection string", category: "Connectivity", type: "StringEncrypted", required: true }),
        s({ name: "Table or view", category: "Schema", type: "String", required: true }),
        s({ name: "Change tracking column", category: "Import", type: "String" }),
      ],
    },
  ];
}

export function connectorDefinitions(state: SimState): SimConnectorDefinition[] {
  state.ext["connector-definitions"] ??= build();
  return state.ext["connector-definitions"] as SimConnectorDefinition[];
}

export function connectorDefinitionFor(
  state: SimState,
  connectorId: number,
): SimConnectorDefinition | undefined {
  return connectorDefinitions(state).find((d) => d.id === connectorId);
}
