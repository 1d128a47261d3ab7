// NUL never means anything in text, and PostgreSQL refuses it in a string: whatever reaches the
// services from a form, a request body or a file read for import has it taken out first.

/** `value` with every NUL character removed from its strings, at any depth (objects changed in place). */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string")
    return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutNul(value[i]);
    return value;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const [key, inner] of Object.entries(record)) record[key] = withoutNul(inner);
  }
  return value;
}
