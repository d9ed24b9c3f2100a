/**
 * Shapes of the built-in JIM endpoint catalogue. The data itself is generated into
 * `endpoints.generated.ts` by `scripts/build-catalogue.mjs`.
 */

/** How much an endpoint can change: the consent gate keys off this. */
export type Safety = "read" | "write" | "destructive";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Route constraint of a path parameter: digits only, a GUID, or any (percent-encoded) text. */
export type PathParamType = "int" | "guid" | "string";

/**
 * Value types used for query parameters and body fields. `enum` values are listed in `enum`; `object`
 * and `map` (a JSON object keyed by ids or names) may describe their members in `fields`.
 */
export type ScalarType =
  | "int"
  | "int64"
  | "number"
  | "bool"
  | "string"
  | "date-time"
  | "uuid"
  | "timespan"
  | "enum"
  | "object"
  | "map";
export type ValueType = ScalarType | `${ScalarType}[]`;

export interface CataloguePathParam {
  name: string;
  type: PathParamType;
}

export interface CatalogueQueryParam {
  name: string;
  /** A type ending in `[]` is repeatable: `?status=A&status=B`. */
  type: ValueType;
  required?: boolean;
  enum?: readonly string[];
  /** The enum is matched case-sensitively (e.g. `sortDirection` must be lower-case `asc`/`desc`). */
  exact?: boolean;
  /** Server-side default. */
  default?: string | number | boolean;
  /** A short rule worth knowing (clamps, what the parameter matches, "ignored by this endpoint"). */
  note?: string;
}

export interface CatalogueBodyField {
  name: string;
  type: ValueType;
  /** Must be present and not null (a required string must also not be blank). */
  required?: boolean;
  enum?: readonly string[];
  /** Flags enum: several names joined by commas, e.g. `"TrimWhitespace, TreatWhitespaceAsNoValue"`. */
  flags?: boolean;
  /** May be left out, but JSON null fails (a non-nullable value type, or a field whose default must not be nulled). */
  noNull?: boolean;
  /** A string that may be left out but not sent empty or blank. */
  noBlank?: boolean;
  /** Members of a nested request object (only one level deep). */
  fields?: readonly CatalogueBodyField[];
}

export interface CatalogueBody {
  /** JIM's request DTO name. */
  dto: string;
  /** Whether a body must be sent at all (a few endpoints accept none). */
  required: boolean;
  fields: readonly CatalogueBodyField[];
}

/** What an asynchronous endpoint hands back to follow: an Activity, a preview, or a schedule execution. */
export type AsyncTracking = "activity" | "configurationChangePreview" | "scheduleExecution";

export interface CatalogueEndpoint {
  /** JIM's operation name (unique), e.g. `GetConnectedSystem`. */
  op: string;
  method: HttpMethod;
  /** Route template after `/api/v1`, e.g. `/synchronisation/connected-systems/{connectedSystemId}`. */
  path: string;
  /** JIM controller the endpoint belongs to, e.g. `Synchronisation`. */
  area: string;
  summary: string;
  pathParams: readonly CataloguePathParam[];
  query: readonly CatalogueQueryParam[];
  body: CatalogueBody | null;
  /** Returns 202 (or may) and the work carries on in the background. */
  async: boolean;
  track?: AsyncTracking;
  /** Callable without credentials. */
  anonymous: boolean;
  safety: Safety;
  /** For destructive endpoints: why they are classed so, in a few words. */
  risk?: string;
  /** The success response contains a secret (API key or password) that must not be logged. */
  secret?: boolean;
}

/** The generated form: members holding their usual value (empty, null, false) are left out. */
export type CompactEndpoint = Omit<
  CatalogueEndpoint,
  "pathParams" | "query" | "body" | "async" | "anonymous"
> &
  Partial<Pick<CatalogueEndpoint, "pathParams" | "query" | "body" | "async" | "anonymous">>;
