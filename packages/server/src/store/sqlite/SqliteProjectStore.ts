// Projects on SQLite: settings as one JSON column, so new settings need no migration.
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';
import type { ProjectRecord, ProjectSettings, ProjectStore } from '../ports.js';
import { type ProjectRow, projectRecordOf, sqliteColumns } from '../rows.js';

export class SqliteProjectStore implements ProjectStore {
  private readonly insert: SqliteStatement;
  private readonly selectOne: SqliteStatement;
  private readonly selectAll: SqliteStatement;
  private readonly setSettings: SqliteStatement;
  private readonly setSettingsIf: SqliteStatement;
  private readonly setNameOf: SqliteStatement;
  private readonly setKeyHash: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectOne = db.prepare('SELECT * FROM projects WHERE project_id = ?');
    this.selectAll = db.prepare('SELECT * FROM projects ORDER BY created_at, project_id');
    this.setSettings = db.prepare('UPDATE projects SET settings = ? WHERE project_id = ?');
    // json() on both sides: compares the JSON values, whatever the text's spacing.
    this.setSettingsIf = db.prepare(
      'UPDATE projects SET settings = ? WHERE project_id = ? AND json(settings) = json(?)',
    );
    this.setNameOf = db.prepare('UPDATE projects SET name = ? WHERE project_id = ?');
    this.setKeyHash = db.prepare('UPDATE projects SET management_key_hash = ? WHERE project_id = ?');
  }

  async create(project: ProjectRecord): Promise<void> {
    this.insert.run(
      project.projectId,
      project.name,
      project.managementKeyHash,
      JSON.stringify(project.settings),
      project.createdAt,
    );
  }

  async get(projectId: string): Promise<ProjectRecord | null> {
    const row = this.selectOne.get(projectId) as ProjectRow | undefined;
    return row ? projectRecordOf(row, sqliteColumns) : null;
  }

  async list(): Promise<ProjectRecord[]> {
    return (this.selectAll.all() as ProjectRow[]).map((r) => projectRecordOf(r, sqliteColumns));
  }

  async updateSettings(projectId: string, settings: ProjectSettings, expected?: ProjectSettings): Promise<boolean> {
    if (expected === undefined) return this.setSettings.run(JSON.stringify(settings), projectId).changes > 0;
    return this.setSettingsIf.run(JSON.stringify(settings), projectId, JSON.stringify(expected)).changes > 0;
  }

  async setName(projectId: string, name: string): Promise<boolean> {
    return this.setNameOf.run(name, projectId).changes > 0;
  }

  async setManagementKeyHash(projectId: string, hash: string): Promise<boolean> {
    return this.setKeyHash.run(hash, projectId).changes > 0;
  }
}
