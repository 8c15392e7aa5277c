import { z } from "zod";
import { assertBranchName } from "@/lib/workspaces/paths";

// Field rules shared by the routes that start runs: the dashboard's limits, one source.

export const goalField = z.string().trim().min(3, "Describe the goal in a few words").max(10_000);
export const requirementsField = z.string().trim().max(20_000);
export const acceptanceCriteriaField = z.array(z.string().trim().min(1).max(1000)).max(50);

export const branchField = z
  .string()
  .trim()
  .refine(
    (name) => {
      try {
        assertBranchName(name);
        return true;
      } catch {
        return false;
      }
    },
    { message: "Must be a valid branch name" },
  );
