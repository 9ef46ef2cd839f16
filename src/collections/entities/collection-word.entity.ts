import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Collection } from './collection.entity.js';

/**
 * The words of a collection's record names and descriptions: the dictionary fuzzy search corrects
 * misspelled query words against (pg_trgm similarity, trigram GIN-indexed). Only ever grows; a word
 * whose records are gone just finds nothing.
 */
@Entity('collection_words')
// Hand-written (trigram GIN), see the CollectionsSearch migration.
@Index('collection_words_trgm_idx', { synchronize: false })
export class CollectionWord {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'collection_id', type: 'uuid' })
  collectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  word!: string;

  @ManyToOne(() => Collection, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'collection_id', referencedColumnName: 'id' },
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
  ])
  collection?: Relation<Collection>;
}
