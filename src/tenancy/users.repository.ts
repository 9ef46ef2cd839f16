import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string | null;
  company: string | null;
  token_version: number;
  created_at: Date;
}

const USER_COLUMNS = `id, email, password_hash, display_name, company, token_version, created_at`;

/**
 * Every statement on `users`. A user is not owned by a tenant (one person may be a member of several):
 * users are found by their id or their unique email, which is how a person signs in.
 */
@Injectable()
export class UsersRepository {
  async insert(
    db: Db,
    values: { email: string; passwordHash: string; displayName: string | null; company: string | null },
  ): Promise<UserRow> {
    const [row] = await queryRows<UserRow>(
      db,
      `INSERT INTO users (email, password_hash, display_name, company) VALUES ($1, $2, $3, $4)
       RETURNING ${USER_COLUMNS}`,
      [values.email, values.passwordHash, values.displayName, values.company],
    );
    return row;
  }

  async findByEmail(db: Db, email: string): Promise<UserRow | null> {
    const [row] = await queryRows<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
    return row ?? null;
  }

  async findById(db: Db, id: string): Promise<UserRow | null> {
    const [row] = await queryRows<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Changes the given profile fields (absent: unchanged). */
  async updateProfile(
    db: Db,
    id: string,
    values: { displayName?: string | null; company?: string | null },
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE users
          SET display_name = CASE WHEN $2::boolean THEN $3 ELSE display_name END,
              company = CASE WHEN $4::boolean THEN $5 ELSE company END,
              updated_at = now()
        WHERE id = $1`,
      [
        id,
        values.displayName !== undefined,
        values.displayName ?? null,
        values.company !== undefined,
        values.company ?? null,
      ],
    );
  }

  /**
   * Replaces exactly the hash the current password was checked against and ends every older session
   * (token version + 1); false when another change came first.
   */
  async replacePassword(db: Db, id: string, checkedHash: string, newHash: string): Promise<boolean> {
    const rows = await queryRows(
      db,
      `UPDATE users SET password_hash = $1, token_version = token_version + 1, updated_at = now()
        WHERE id = $2 AND password_hash = $3 RETURNING id`,
      [newHash, id, checkedHash],
    );
    return rows.length > 0;
  }
}
