-- A small td database (schema 38) kept as SQL text: load it with
--   sqlite3 .todos/issues.db < examples/td-example.sql
-- scripts/setup does, then exports it with git-td. Every shared kind is here.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE issues (
    id                          TEXT PRIMARY KEY,            -- td-<6 hex>
    title                       TEXT NOT NULL,
    description                 TEXT DEFAULT '',
    status                      TEXT NOT NULL DEFAULT 'open',  -- open|in_progress|blocked|in_review|closed
    type                        TEXT NOT NULL DEFAULT 'task',  -- bug|feature|task|epic|chore
    priority                    TEXT NOT NULL DEFAULT 'P2',    -- P0..P4
    points                      INTEGER DEFAULT 0,
    labels                      TEXT DEFAULT '',             -- comma-joined list
    parent_id                   TEXT DEFAULT '',             -- '' = no parent (no FK)
    acceptance                  TEXT DEFAULT '',
    implementer_session         TEXT DEFAULT '',
    reviewer_session            TEXT DEFAULT '',
    created_at                  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at                  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    closed_at                   DATETIME,
    deleted_at                  DATETIME,                    -- soft delete marker
    minor                       INTEGER DEFAULT 0,
    created_branch              TEXT DEFAULT '',
    creator_session             TEXT DEFAULT '',
    sprint                      TEXT DEFAULT '',
    defer_until                 TEXT,                        -- 'YYYY-MM-DD' or NULL
    due_date                    TEXT,                        -- 'YYYY-MM-DD' or NULL
    defer_count                 INTEGER DEFAULT 0,
    reviewed_at                 DATETIME,
    review_requested_by_session TEXT DEFAULT '',
    closed_by_session           TEXT DEFAULT ''
);
INSERT INTO issues VALUES('td-3f9a01','Login redirect drops the return URL',replace('Users land on /home after login.\n\nExpected: back to the page they came from.\nSteps:\n  1. open /settings while logged out\n  2. log in','\n',char(10)),'in_progress','bug','P1',3,'auth,web','td-77c2e4','Return URL survives login and OAuth','ses_9f8e7d','','2026-03-27 01:31:04.633958+00:00','2026-03-28 09:02:11-07:00',NULL,NULL,0,'main','ses_9f8e7d','',NULL,'2026-04-15',0,NULL,'','');
INSERT INTO issues VALUES('td-77c2e4','Auth hardening','Epic for the auth fixes of the spring release.','open','epic','P2',0,'auth','','','','','2026-03-20 10:00:00 -0400 EDT m=+0.031','2026-03-20 10:00:00 -0400 EDT m=+0.031',NULL,NULL,0,'main','ses_9f8e7d','',NULL,NULL,0,NULL,'','');
INSERT INTO issues VALUES('td-a0b1c2','Document the session cookie flags','','closed','task','P3',1,'docs','td-77c2e4','','ses_1a2b3c','','2026-03-21 08:15:00+01:00','2026-03-22 17:40:12.5+01:00','2026-03-22 17:40:12.5+01:00',NULL,0,'docs','ses_1a2b3c','',NULL,NULL,0,NULL,'','');
INSERT INTO issues VALUES('td-c4d5e6','yes','Title that YAML 1.1 would read as a boolean; descriptions with a trailing space ','open','chore','P4',0,'','','','','','2026-03-23 12:00:00Z','2026-03-23 12:00:00Z',NULL,NULL,0,'main','ses_1a2b3c','',NULL,NULL,0,NULL,'','');
CREATE TABLE logs (
    id              TEXT PRIMARY KEY,                        -- lg-<8 hex>
    issue_id        TEXT DEFAULT '',                         -- '' for work-session logs (no FK)
    session_id      TEXT NOT NULL,
    work_session_id TEXT DEFAULT '',
    message         TEXT NOT NULL,
    type            TEXT NOT NULL DEFAULT 'progress',
    timestamp       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO logs VALUES('lg-0a1b2c3d','td-3f9a01','ses_9f8e7d','','Reproduced on Firefox and Chrome','progress','2026-03-27 01:40:00+00:00');
INSERT INTO logs VALUES('lg-1b2c3d4e','td-3f9a01','ses_9f8e7d','','Return URL is dropped by the OAuth callback, not the form','decision','2026-03-28 08:55:00-07:00');
INSERT INTO logs VALUES('lg-2c3d4e5f','td-a0b1c2','ses_1a2b3c','','Done: README section "Cookies"','progress','2026-03-22 17:40:00+01:00');
CREATE TABLE handoffs (
    id         TEXT PRIMARY KEY,                             -- ho-<8 hex>
    issue_id   TEXT NOT NULL,
    session_id TEXT NOT NULL,
    done       TEXT DEFAULT '[]',                            -- JSON array of strings
    remaining  TEXT DEFAULT '[]',
    decisions  TEXT DEFAULT '[]',
    uncertain  TEXT DEFAULT '[]',
    timestamp  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
INSERT INTO handoffs VALUES('ho-5e6f7a8b','td-3f9a01','ses_9f8e7d','["Reproduced the bug","Found the callback that drops it"]','["Fix the callback","Add a regression test"]','["Keep the URL in the state parameter"]','null','2026-03-28 09:02:00-07:00');
CREATE TABLE git_snapshots (
    id          TEXT PRIMARY KEY,                            -- gs-<8 hex>
    issue_id    TEXT NOT NULL,
    event       TEXT NOT NULL,                               -- start|handoff
    commit_sha  TEXT NOT NULL,
    branch      TEXT NOT NULL,
    dirty_files INTEGER DEFAULT 0,
    timestamp   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
CREATE TABLE issue_files (
    id         TEXT PRIMARY KEY,                             -- ifl_<16 hex> (deterministic)
    issue_id   TEXT NOT NULL,
    file_path  TEXT NOT NULL,                                -- repo-relative, forward slashes
    role       TEXT NOT NULL DEFAULT 'implementation',       -- implementation|test|reference|config
    linked_sha TEXT DEFAULT '',
    linked_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (issue_id, file_path),
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
INSERT INTO issue_files VALUES('ifl_7d2c91e04b5a6f13','td-3f9a01','src/auth/callback.go','implementation','','2026-03-28 08:56:00-07:00');
CREATE TABLE issue_dependencies (
    id            TEXT PRIMARY KEY,                          -- dep_<16 hex> (deterministic)
    issue_id      TEXT NOT NULL,
    depends_on_id TEXT NOT NULL,
    relation_type TEXT NOT NULL DEFAULT 'depends_on',
    UNIQUE (issue_id, depends_on_id, relation_type),
    FOREIGN KEY (issue_id)      REFERENCES issues(id) ON DELETE CASCADE,
    FOREIGN KEY (depends_on_id) REFERENCES issues(id) ON DELETE CASCADE
);
INSERT INTO issue_dependencies VALUES('dep_4e1f0c2d9a7b3e58','td-3f9a01','td-a0b1c2','depends_on');
CREATE TABLE work_sessions (
    id            TEXT PRIMARY KEY,                          -- ws-<4 hex>
    name          TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    worktree_id   TEXT DEFAULT '',                           -- local-only (not synced)
    worktree_root TEXT DEFAULT '',                           -- local-only (not synced)
    repo_root     TEXT DEFAULT '',                           -- local-only (not synced)
    started_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ended_at      DATETIME,
    start_sha     TEXT DEFAULT '',
    end_sha       TEXT DEFAULT ''
);
INSERT INTO work_sessions VALUES('ws-8e1f','auth-fixes','ses_9f8e7d','','/home/dev/app','','2026-03-27 01:30:00+00:00',NULL,'4b825dc642cb6eb9a060e54bf8d69288fbee4904','');
CREATE TABLE work_session_issues (
    id              TEXT PRIMARY KEY,                        -- wsi_<16 hex> (deterministic)
    work_session_id TEXT NOT NULL,
    issue_id        TEXT NOT NULL,
    tagged_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (work_session_id, issue_id),
    FOREIGN KEY (work_session_id) REFERENCES work_sessions(id) ON DELETE CASCADE,
    FOREIGN KEY (issue_id)        REFERENCES issues(id)        ON DELETE CASCADE
);
INSERT INTO work_session_issues VALUES('wsi_2a9c8b7d6e5f4031','ws-8e1f','td-3f9a01','2026-03-27 01:31:10+00:00');
CREATE TABLE comments (
    id         TEXT PRIMARY KEY,                             -- cm-<8 hex>
    issue_id   TEXT NOT NULL,
    session_id TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
INSERT INTO comments VALUES('cm-9a8b7c6d','td-3f9a01','ses_1a2b3c',replace('Same thing happens with magic links.\nProbably the same root cause.','\n',char(10)),'2026-03-27 14:00:00+00:00');
CREATE TABLE sessions (
    id                  TEXT PRIMARY KEY,                    -- ses_<6 hex>
    name                TEXT DEFAULT '',
    branch              TEXT DEFAULT '',
    agent_type          TEXT DEFAULT '',
    agent_pid           INTEGER DEFAULT 0,
    context_id          TEXT DEFAULT '',
    match_context_id    TEXT DEFAULT '',
    worktree_id         TEXT DEFAULT '',
    worktree_root       TEXT DEFAULT '',
    repo_root           TEXT DEFAULT '',
    previous_session_id TEXT DEFAULT '',
    started_at          DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ended_at            DATETIME,
    last_activity       DATETIME
);
CREATE TABLE session_state (
    session_id             TEXT NOT NULL,
    worktree_id            TEXT DEFAULT '',
    focused_issue_id       TEXT DEFAULT '',
    active_work_session_id TEXT DEFAULT '',
    updated_at             DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (session_id, worktree_id)
);
CREATE TABLE issue_session_history (
    id         TEXT PRIMARY KEY,                             -- td-<6 hex> (same generator as issues)
    issue_id   TEXT NOT NULL,
    session_id TEXT NOT NULL,
    action     TEXT NOT NULL,        -- created|started|unstarted|reviewed|review_approved|review_changes_requested|closed
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
CREATE TABLE boards (
    id             TEXT PRIMARY KEY,                         -- bd-<8 hex>; built-in: bd-all-issues
    name           TEXT NOT NULL COLLATE NOCASE,             -- not unique
    last_viewed_at DATETIME,
    created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    query          TEXT NOT NULL DEFAULT '',                 -- TDQ query; '' = all issues
    is_builtin     INTEGER NOT NULL DEFAULT 0,
    view_mode      TEXT NOT NULL DEFAULT 'swimlanes'         -- swimlanes|backlog
);
INSERT INTO boards VALUES('bd-all-issues','All Issues',NULL,'2026-11-24 18:42:04','2026-11-24 18:42:04','',1,'swimlanes');
INSERT INTO boards VALUES('bd-1c2d3e4f','Auth sprint',NULL,'2026-03-20 10:05:00+00:00','2026-03-20 10:05:00+00:00','labels ~ auth',0,'swimlanes');
CREATE TABLE board_issue_positions (
    id         TEXT PRIMARY KEY,                             -- bip_<16 hex> (deterministic)
    board_id   TEXT NOT NULL,
    issue_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,                             -- sparse (multiples of 65536)
    added_at   DATETIME DEFAULT CURRENT_TIMESTAMP,
    deleted_at DATETIME,                                     -- soft delete marker
    UNIQUE (board_id, issue_id),
    FOREIGN KEY (board_id) REFERENCES boards(id) ON DELETE CASCADE,
    FOREIGN KEY (issue_id) REFERENCES issues(id) ON DELETE CASCADE
);
INSERT INTO board_issue_positions VALUES('bip_0f3e2d1c4b5a6978','bd-1c2d3e4f','td-3f9a01',65536,'2026-03-20 10:06:00+00:00',NULL);
CREATE TABLE issue_reviews (
    id                   TEXT PRIMARY KEY,                   -- rv-<8 hex>
    issue_id             TEXT NOT NULL,
    reviewer_session     TEXT NOT NULL,
    decision             TEXT NOT NULL,      -- approved|changes_requested|approved_by_parent_cascade
    summary              TEXT NOT NULL DEFAULT '',
    requested_by_session TEXT DEFAULT '',
    created_at           DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    superseded_at        DATETIME,                           -- NULL = active review
    self_review          INTEGER NOT NULL DEFAULT 0,
    reviewed_by          TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (issue_id) REFERENCES issues(id)             -- note: no ON DELETE action
);
INSERT INTO issue_reviews VALUES('rv-3c4d5e6f','td-a0b1c2','ses_9f8e7d','approved','Clear and short.','ses_1a2b3c','2026-03-22 17:39:00+01:00',NULL,0,'');
CREATE TABLE notes (
    id         TEXT PRIMARY KEY,                             -- nt-<6 hex>
    title      TEXT NOT NULL,
    content    TEXT NOT NULL,
    created_at TEXT NOT NULL,                                -- RFC3339 text (TEXT, not DATETIME)
    updated_at TEXT NOT NULL,
    pinned     INTEGER DEFAULT 0,
    archived   INTEGER DEFAULT 0,
    deleted_at TEXT                                          -- soft delete marker
);
INSERT INTO notes VALUES('nt-6b7c8d','Release checklist',replace('- tag\n- changelog\n- announce\n','\n',char(10)),'2026-03-20T09:00:00Z','2026-03-26T18:30:00Z',1,0,NULL);
CREATE TABLE action_log (
    id            TEXT NOT NULL PRIMARY KEY,                 -- al-<8 hex>; rowid is the sync cursor
    session_id    TEXT NOT NULL,
    action_type   TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    previous_data TEXT DEFAULT '',                           -- JSON snapshot or ''
    new_data      TEXT DEFAULT '',                           -- JSON snapshot or ''
    timestamp     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    undone        INTEGER DEFAULT 0,
    synced_at     DATETIME,                                  -- NULL = not yet pushed
    server_seq    INTEGER
);
CREATE TABLE sync_state (
    project_id             TEXT PRIMARY KEY,
    last_pushed_action_id  INTEGER DEFAULT 0,                -- action_log rowid
    last_pulled_server_seq INTEGER DEFAULT 0,
    last_sync_at           DATETIME,
    sync_disabled          INTEGER DEFAULT 0
);
CREATE TABLE sync_conflicts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type    TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    server_seq     INTEGER NOT NULL,
    local_data     JSON,
    remote_data    JSON,
    overwritten_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE sync_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    direction   TEXT NOT NULL,                               -- push|pull
    action_type TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    server_seq  INTEGER,
    device_id   TEXT DEFAULT '',
    timestamp   DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE sync_skipped_events (
    server_seq  INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL DEFAULT '',
    action_type TEXT NOT NULL DEFAULT '',
    entity_type TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,                               -- orphaned_parent|quarantined
    error       TEXT NOT NULL DEFAULT '',
    payload     JSON,
    skipped_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE schema_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO schema_info VALUES('version','38');
DELETE FROM sqlite_sequence;
CREATE INDEX idx_issues_status         ON issues(status);
CREATE INDEX idx_issues_priority       ON issues(priority);
CREATE INDEX idx_issues_type           ON issues(type);
CREATE INDEX idx_issues_parent         ON issues(parent_id);
CREATE INDEX idx_issues_deleted        ON issues(deleted_at);
CREATE INDEX idx_issues_deleted_status ON issues(deleted_at, status);
CREATE INDEX idx_issues_defer_until    ON issues(defer_until);
CREATE INDEX idx_issues_due_date       ON issues(due_date);
CREATE INDEX idx_logs_issue        ON logs(issue_id);
CREATE INDEX idx_logs_work_session ON logs(work_session_id);
CREATE INDEX idx_logs_timestamp    ON logs(timestamp);
CREATE INDEX idx_handoffs_issue     ON handoffs(issue_id);
CREATE INDEX idx_handoffs_timestamp ON handoffs(timestamp);
CREATE INDEX idx_git_snapshots_issue ON git_snapshots(issue_id);
CREATE INDEX idx_issue_files_issue ON issue_files(issue_id);
CREATE INDEX idx_comments_issue      ON comments(issue_id);
CREATE INDEX idx_comments_created_at ON comments(created_at);
CREATE INDEX idx_sessions_branch
    ON sessions(branch);
CREATE INDEX idx_sessions_branch_agent
    ON sessions(branch, agent_type, agent_pid, match_context_id, worktree_id);
CREATE INDEX idx_ish_issue   ON issue_session_history(issue_id);
CREATE INDEX idx_ish_session ON issue_session_history(session_id);
CREATE INDEX idx_issue_reviews_issue_id ON issue_reviews(issue_id);
CREATE INDEX idx_issue_reviews_active   ON issue_reviews(issue_id) WHERE superseded_at IS NULL;
CREATE INDEX idx_notes_updated ON notes(updated_at DESC);
CREATE INDEX idx_notes_deleted ON notes(deleted_at);
CREATE INDEX idx_action_log_session     ON action_log(session_id);
CREATE INDEX idx_action_log_timestamp   ON action_log(timestamp);
CREATE INDEX idx_action_log_entity_type ON action_log(entity_id, action_type);
CREATE INDEX idx_sync_conflicts_entity ON sync_conflicts(entity_type, entity_id);
CREATE INDEX idx_sync_conflicts_time   ON sync_conflicts(overwritten_at);
CREATE INDEX idx_sync_conflicts_seq    ON sync_conflicts(server_seq);
CREATE INDEX idx_sync_history_ts ON sync_history(timestamp);
CREATE INDEX idx_sync_skipped_time   ON sync_skipped_events(skipped_at);
CREATE INDEX idx_sync_skipped_reason ON sync_skipped_events(reason);
COMMIT;
