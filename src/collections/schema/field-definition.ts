import type { FieldType } from '../collections.constants.js';

/** One `collection_data` field of a record type's schema, as stored. */
export interface FieldDefinition {
  name: string;
  type: FieldType;
  required: boolean;
  searchable: boolean;
  filterable: boolean;
}
