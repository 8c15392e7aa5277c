"use client";
import { ConfirmButton } from "@/components/shared/confirm-button";

/** Revoke with a confirmation: a revoked key cannot be brought back. */
export function RevokeApiKeyButton({ name, onConfirm }: { name: string; onConfirm: () => Promise<void> }) {
  return (
    <ConfirmButton
      title={`Revoke “${name}”?`}
      body="Anything using this key stops working at once. This cannot be undone."
      confirmLabel="Revoke key"
      ariaLabel={`Revoke ${name}`}
      onConfirm={onConfirm}
    >
      Revoke
    </ConfirmButton>
  );
}
