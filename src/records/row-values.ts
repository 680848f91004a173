/** A nullable time column (bigint on PostgreSQL comes back as text) as epoch milliseconds, or undefined. */
export const time = (value: number | string | null) => (value === null ? undefined : Number(value));

/** `{ [key]: value }`, or nothing when the value is absent: a record read from a row leaves out what the row left empty. */
export const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
