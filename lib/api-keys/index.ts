export { authenticateApiKey } from "./authenticate-api-key";
export { API_KEY_NAME_MAX, type CreatedApiKey, createApiKey } from "./create-api-key";
export { ADMIN_API_KEY_NAME, type EnsuredAdminApiKey, ensureAdminApiKey } from "./ensure-admin-api-key";
export { issueApiKey } from "./issue-api-key";
export { listApiKeys } from "./list-api-keys";
export { revokeApiKey } from "./revoke-api-key";
export { withdrawApiKey } from "./withdraw-api-key";
export type { ApiKeySummary } from "@/db/queries/api-keys";
