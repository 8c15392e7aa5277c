import { z } from "zod";
import { SECRET_NAME_PATTERN, type ProjectSecretName } from "@/lib/secrets";
import { iso, isoDate } from "./common";

// Values are write-only: no response ever carries one.
export const apiProjectSecretSchema = z.object({ name: z.string(), createdAt: isoDate, updatedAt: isoDate });

export type ApiProjectSecret = z.input<typeof apiProjectSecretSchema>;

export const toApiProjectSecret = (secret: ProjectSecretName): ApiProjectSecret => ({
  name: secret.name,
  createdAt: iso(secret.createdAt),
  updatedAt: iso(secret.updatedAt),
});

export const secretParams = z.object({
  id: z.uuid().describe("The project's id"),
  name: z
    .string()
    .regex(SECRET_NAME_PATTERN, "Must be like an environment variable: A-Z, 0-9 and _, not starting with a digit")
    .describe("The secret's name"),
});
