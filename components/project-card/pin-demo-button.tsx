"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";

export type PinDemoProjectAction = ServerAction<{ provider: "local"; repository: string }>;

/** Pins the demo repository created at first start again (a person unpinned it). */
export function PinDemoButton({ path, pinProjectAction }: { path: string; pinProjectAction: PinDemoProjectAction }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        variant="outlined"
        loading={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await pinProjectAction({ provider: "local", repository: path });
            if (!result.ok) return setError(result.error);
            router.refresh();
          })
        }
      >
        Pin the demo project
      </Button>
      {error && <Alert severity="error">{error}</Alert>}
    </>
  );
}
