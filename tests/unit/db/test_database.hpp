#pragma once
// Builds small td-shaped databases for unit tests: a schema-27 issues table
// (20 columns, td's older order) and the tables export reads. End-to-end tests
// use the real shared/td/schema.sql and the real databases instead.
#include <filesystem>
#include <string>

#include "gittd/db/sqlite.hpp"

inline void create_schema27_database(const std::filesystem::path& path) {
    auto connection = gittd::db::Connection::open_or_create(path);
    connection.exec(R"sql(
CREATE TABLE issues (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open', type TEXT NOT NULL DEFAULT 'task',
  priority TEXT NOT NULL DEFAULT 'P2', points INTEGER DEFAULT 0, labels TEXT DEFAULT '',
  parent_id TEXT DEFAULT '', acceptance TEXT DEFAULT '', implementer_session TEXT DEFAULT '',
  reviewer_session TEXT DEFAULT '', created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, closed_at DATETIME, deleted_at DATETIME,
  minor INTEGER DEFAULT 0, created_branch TEXT DEFAULT '', creator_session TEXT DEFAULT '',
  sprint TEXT DEFAULT '');
CREATE TABLE handoffs (id TEXT PRIMARY KEY, issue_id TEXT NOT NULL, session_id TEXT NOT NULL,
  done TEXT DEFAULT '[]', remaining TEXT DEFAULT '[]', decisions TEXT DEFAULT '[]',
  uncertain TEXT DEFAULT '[]', timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE work_sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL, session_id TEXT NOT NULL,
  started_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, ended_at DATETIME, start_sha TEXT DEFAULT '',
  end_sha TEXT DEFAULT '', worktree_root TEXT DEFAULT '');
CREATE TABLE boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, last_viewed_at DATETIME,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  query TEXT NOT NULL DEFAULT '', is_builtin INTEGER NOT NULL DEFAULT 0, view_mode TEXT NOT NULL DEFAULT 'swimlanes');
CREATE TABLE schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO schema_info VALUES ('version', '27');
INSERT INTO boards (id, name, is_builtin, created_at, updated_at)
  VALUES ('bd-all-issues', 'All Issues', 1, '2026-02-04 04:42:47', '2026-02-04 04:42:47');
)sql");
}
