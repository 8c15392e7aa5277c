export { deleteProjectSecret } from "./delete-project-secret";
export {
  type EncryptionKey,
  type EncryptionKeyring,
  encryptionKeyId,
  loadEncryptionKeyring,
  parseEncryptionKey,
} from "./encryption-keyring";
export { getProjectSecretValues } from "./get-project-secret-values";
export { listProjectSecretNames } from "./list-project-secret-names";
export { type RotationReport, rotateProjectSecrets } from "./rotate-project-secrets";
export { assertSecretName, SECRET_NAME_PATTERN, SECRET_VALUE_MAX_BYTES, setProjectSecret } from "./set-project-secret";
export type { ProjectSecretName } from "@/db/queries/project-secrets";
