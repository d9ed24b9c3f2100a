/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { certificateDelete } from "./certificate-delete.js";
import { certificateGet } from "./certificate-get.js";
import { certificateList } from "./certificate-list.js";
import { serverCertificateGet } from "./server-certificate-get.js";
import { serverCertificateTrust } from "./server-certificate-trust.js";

export const tools: AnyToolDef[] = [
  certificateList,
  certificateGet,
  certificateDelete,
  serverCertificateGet,
  serverCertificateTrust,
];
