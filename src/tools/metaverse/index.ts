/** Tools of this area, in listing order. */
import type { AnyToolDef } from "../define.js";
import { metaverseAttributeDelete } from "./metaverse-attribute-delete.js";
import { metaverseAttributeList } from "./metaverse-attribute-list.js";
import { metaverseObjectGet } from "./metaverse-object-get.js";
import { metaverseObjectSearch } from "./metaverse-object-search.js";
import { metaverseObjectTypeDelete } from "./metaverse-object-type-delete.js";
import { metaverseObjectTypeList } from "./metaverse-object-type-list.js";
import { pendingDeletionList } from "./pending-deletion-list.js";

export const tools: AnyToolDef[] = [
  metaverseObjectTypeList,
  metaverseAttributeList,
  metaverseObjectSearch,
  metaverseObjectGet,
  pendingDeletionList,
  metaverseObjectTypeDelete,
  metaverseAttributeDelete,
];
