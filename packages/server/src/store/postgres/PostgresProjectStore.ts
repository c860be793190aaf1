// Projects on PostgreSQL: settings as one jsonb column, so new settings need no migration.
import type pg from 'pg';
import type { ProjectRecord, ProjectSettings, ProjectStore } from '../ports.js';
import { postgresColumns, type ProjectRow, projectRecordOf } from '../rows.js';

export class PostgresProjectStore implements ProjectStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(p: ProjectRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES ($1, $2, $3, $4, $5)',
      [p.projectId, p.name, p.managementKeyHash, JSON.stringify(p.settings), p.createdAt],
    );
  }

  async get(projectId: string): Promise<ProjectRecord | null> {
    // Read on every authenticated request: a named statement is parsed and planned once per connection.
    const r = await this.pool.query<ProjectRow>({
      name: 'project_get',
      text: 'SELECT * FROM projects WHERE project_id = $1',
      values: [projectId],
    });
    return r.rows[0] ? projectRecordOf(r.rows[0], postgresColumns) : null;
  }

  async list(): Promise<ProjectRecord[]> {
    const r = await this.pool.query<ProjectRow>('SELECT * FROM projects ORDER BY created_at, project_id');
    return r.rows.map((row) => projectRecordOf(row, postgresColumns));
  }

  async updateSettings(projectId: string, settings: ProjectSettings, expected?: ProjectSettings): Promise<boolean> {
    const r =
      expected === undefined
        ? await this.pool.query('UPDATE projects SET settings = $1 WHERE project_id = $2', [
            JSON.stringify(settings),
            projectId,
          ])
        : // jsonb equality compares values, not text.
          await this.pool.query('UPDATE projects SET settings = $1 WHERE project_id = $2 AND settings = $3::jsonb', [
            JSON.stringify(settings),
            projectId,
            JSON.stringify(expected),
          ]);
    return (r.rowCount ?? 0) > 0;
  }

  async setName(projectId: string, name: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE projects SET name = $1 WHERE project_id = $2', [name, projectId]);
    return (r.rowCount ?? 0) > 0;
  }

  async setManagementKeyHash(projectId: string, hash: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE projects SET management_key_hash = $1 WHERE project_id = $2', [
      hash,
      projectId,
    ]);
    return (r.rowCount ?? 0) > 0;
  }
}
