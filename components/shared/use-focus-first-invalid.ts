"use client";
import { type RefObject, useEffect } from "react";

/** The element a person types into for an invalid field: a select's combobox rather than its hidden native input. */
function focusTarget(field: HTMLElement): HTMLElement {
  if (field instanceof HTMLInputElement && field.getAttribute("aria-hidden") === "true") {
    const combobox = field.parentElement?.querySelector<HTMLElement>('[role="combobox"]');
    if (combobox) return combobox;
  }
  return field;
}

/**
 * After a submit comes back with field errors, moves focus to the first field marked
 * invalid (aria-invalid, as MUI's fields set it with `error`), so a keyboard or screen reader
 * user lands on what to fix and hears its message. `errors` is the errors of the last
 * submit: a new value each time, empty or null when there are none.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, errors: object | null | undefined) {
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0) return;
    const field = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) focusTarget(field).focus();
  }, [container, errors]);
}
