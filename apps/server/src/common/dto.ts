import { createZodDto } from 'nestjs-zod';
import type { ZodType } from 'zod';

type Meta = Record<string, unknown>;

const OUTER = new Set(['required', 'description', 'title', 'default', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * zod writes a plain nullable value as `type: ["string", "null"]`; the OpenAPI generator reads a
 * type list on a property as an array (`type: array, items: string`), which would tell every client
 * that a nullable string is a list. Such properties are rewritten as the `anyOf` form the
 * generator already handles for constrained nullables (with the empty-type marker it expects).
 */
export function nullableAsAnyOf(properties: unknown): unknown {
  if (!properties || typeof properties !== 'object') return properties;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties as Record<string, Meta>)) {
    const type = value?.type;
    if (!Array.isArray(type) || type.length !== 2 || !type.includes('null')) {
      out[name] = value;
      continue;
    }
    const outer: Meta = {};
    const branch: Meta = { type: type.find((t) => t !== 'null') };
    for (const [k, v] of Object.entries(value)) {
      if (k === 'type') continue;
      if (OUTER.has(k) || k.startsWith('x-')) outer[k] = v;
      else branch[k] = v;
    }
    out[name] = { ...outer, anyOf: [branch, { type: 'null' }], type: '', 'x-nestjs_zod-empty-type': true };
  }
  return out;
}

/** createZodDto, with the API document's nullable values described correctly. */
export function zodDto<T extends ZodType>(schema: T): ReturnType<typeof createZodDto<T>> {
  const Dto = createZodDto(schema);
  const original = (Dto as unknown as { _OPENAPI_METADATA_FACTORY(): unknown })._OPENAPI_METADATA_FACTORY;
  // Subclasses inherit this static and call it with themselves as `this`, as with the original.
  Object.defineProperty(Dto, '_OPENAPI_METADATA_FACTORY', {
    value(this: unknown) {
      return nullableAsAnyOf(original.call(this));
    },
  });
  return Dto;
}
