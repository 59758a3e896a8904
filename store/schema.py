"""DuckDB schema of the catalog, targets, actuals, task and project statuses, uploads and audit, with versioned
upgrades."""

SCHEMA_VERSION = 9

# Each entry upgrades a file from version (index) to version (index + 1); statements are idempotent.
MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE IF NOT EXISTS parts (
            part_no INTEGER PRIMARY KEY, name VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS areas (
            area_no INTEGER PRIMARY KEY, part_no INTEGER NOT NULL, name VARCHAR NOT NULL,
            sector VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS task_groups (
            group_no INTEGER PRIMARY KEY, area_no INTEGER NOT NULL, name VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS tasks (
            task_no INTEGER PRIMARY KEY, group_no INTEGER NOT NULL, text VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS project_categories (
            category_no INTEGER PRIMARY KEY, name VARCHAR NOT NULL, sector VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS projects (
            project_no INTEGER PRIMARY KEY, category_no INTEGER NOT NULL, name VARCHAR NOT NULL,
            text VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS agencies (
            name VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, aliases VARCHAR NOT NULL DEFAULT '')""",
        """CREATE TABLE IF NOT EXISTS responsibilities (
            subject VARCHAR NOT NULL, subject_no INTEGER NOT NULL, agency VARCHAR NOT NULL,
            role VARCHAR NOT NULL, seq INTEGER NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS districts (
            name VARCHAR PRIMARY KEY, seq INTEGER NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS indicators (
            code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, unit VARCHAR NOT NULL DEFAULT '',
            direction VARCHAR NOT NULL, project_no INTEGER, sector VARCHAR NOT NULL, lead VARCHAR,
            baseline_value DOUBLE, baseline_period VARCHAR, by_district BOOLEAN NOT NULL DEFAULT FALSE)""",
        """CREATE TABLE IF NOT EXISTS indicator_tasks (
            code VARCHAR NOT NULL, task_no INTEGER NOT NULL)""",
        "CREATE SEQUENCE IF NOT EXISTS upload_ids START 1",
        """CREATE TABLE IF NOT EXISTS uploads (
            upload_id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL, user_name VARCHAR NOT NULL, uploaded_at TIMESTAMP NOT NULL,
            rows_added INTEGER NOT NULL, rows_revised INTEGER NOT NULL, rows_unchanged INTEGER NOT NULL,
            state VARCHAR NOT NULL, rolled_back_at TIMESTAMP, rolled_back_by VARCHAR,
            is_sample BOOLEAN NOT NULL DEFAULT FALSE)""",
        # Catalog targets carry upload_id NULL; uploaded targets append rows, the newest live one wins.
        """CREATE TABLE IF NOT EXISTS targets (
            code VARCHAR NOT NULL, target_year INTEGER NOT NULL, target_value DOUBLE,
            note VARCHAR NOT NULL DEFAULT '', upload_id INTEGER)""",
        """CREATE TABLE IF NOT EXISTS actuals (
            code VARCHAR NOT NULL, period VARCHAR NOT NULL, district VARCHAR NOT NULL,
            value DOUBLE NOT NULL, note VARCHAR NOT NULL DEFAULT '', upload_id INTEGER NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS task_status (
            task_no INTEGER NOT NULL, period VARCHAR NOT NULL, status VARCHAR NOT NULL,
            note VARCHAR NOT NULL DEFAULT '', unit VARCHAR NOT NULL DEFAULT '', upload_id INTEGER NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS audit (
            logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
            detail VARCHAR NOT NULL DEFAULT '')""",
        "CREATE INDEX IF NOT EXISTS actuals_key ON actuals (code, district, period)",
        "INSERT INTO meta VALUES ('app', 'cleanprod') ON CONFLICT DO NOTHING",
        "INSERT INTO meta VALUES ('data_version', '0') ON CONFLICT DO NOTHING",
    ],
    # v2: nothing looks actuals up by upload; the index cost two thirds of a large upload's insert time.
    [
        "DROP INDEX IF EXISTS actuals_upload",
    ],
    # v3: computed snapshots, kept so a page's first view reads them (service.snapshot_cache); emptied on every
    # data change, so a row is always of the current data.
    [
        """CREATE TABLE IF NOT EXISTS snapshot_cache (
            data_version BIGINT NOT NULL, as_of VARCHAR NOT NULL, code VARCHAR NOT NULL,
            built_at TIMESTAMP NOT NULL, payload BLOB NOT NULL)""",
    ],
    # v4: no query reads actuals through actuals_key (DuckDB scans with zone maps; EXPLAIN shows a Seq Scan), and
    # maintaining it cost ~1 s of a 1,000,000-row upload (3.4 s → 2.5 s without it).
    [
        "DROP INDEX IF EXISTS actuals_key",
    ],
    # v5: every indicator's bounds (shares 0–100, coefficients 0–1, counts >= 0) and whether it is a running total
    # that never falls; projections stay inside them. The catalog files changed with it, so init reloads them.
    [
        "ALTER TABLE indicators ADD COLUMN IF NOT EXISTS min_value DOUBLE",
        "ALTER TABLE indicators ADD COLUMN IF NOT EXISTS max_value DOUBLE",
        "ALTER TABLE indicators ADD COLUMN IF NOT EXISTS cumulative BOOLEAN DEFAULT FALSE",
    ],
    # v6: the 25 key projects' quarterly reports, append-only like task_status (the newest live upload wins);
    # 形象进度 (percent complete) and 完成投资 (万元) are optional.
    [
        """CREATE TABLE IF NOT EXISTS project_status (
            project_no INTEGER NOT NULL, period VARCHAR NOT NULL, status VARCHAR NOT NULL,
            note VARCHAR NOT NULL DEFAULT '', unit VARCHAR NOT NULL DEFAULT '', progress_pct DOUBLE,
            investment DOUBLE, upload_id INTEGER NOT NULL)""",
    ],
    # v7: a district's own target (the catalog's are city-wide, 全市); a district without one is not judged.
    [
        "ALTER TABLE targets ADD COLUMN IF NOT EXISTS district VARCHAR DEFAULT '全市'",
        "UPDATE targets SET district = '全市' WHERE district IS NULL",
    ],
    # v8: agencies' own quarterly reports (issue 18): every state change of a report is a row (append-only); the
    # reporting calendar (a quarter's deadline when an admin moved it); the outbox of reminders and state changes.
    [
        """CREATE TABLE IF NOT EXISTS reports (
            seq BIGINT PRIMARY KEY, agency VARCHAR NOT NULL, subject VARCHAR NOT NULL, item VARCHAR NOT NULL,
            period VARCHAR NOT NULL, status VARCHAR, values_json VARCHAR, note VARCHAR NOT NULL DEFAULT '',
            reason VARCHAR NOT NULL DEFAULT '', measure VARCHAR NOT NULL DEFAULT '', promise VARCHAR,
            state VARCHAR NOT NULL, actor VARCHAR NOT NULL, acted_at TIMESTAMP NOT NULL,
            return_reason VARCHAR NOT NULL DEFAULT '', upload_id INTEGER, is_sample BOOLEAN NOT NULL DEFAULT FALSE)""",
        """CREATE TABLE IF NOT EXISTS report_calendar (
            period VARCHAR PRIMARY KEY, deadline DATE NOT NULL, set_by VARCHAR NOT NULL, set_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS outbox (
            seq BIGINT PRIMARY KEY, sent_at TIMESTAMP NOT NULL, recipient VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            subject VARCHAR NOT NULL, body VARCHAR NOT NULL DEFAULT '', is_sample BOOLEAN NOT NULL DEFAULT FALSE)""",
    ],
    # v9: no kept snapshots: the metrics read a frame per series (store.series) and cost about as much as reading the
    # kept copy did, so nothing is kept, refreshed after a write or tied to a code fingerprint any more.
    [
        "DROP TABLE IF EXISTS snapshot_cache",
    ],
]
DERIVED_TABLES: tuple[str, ...] = ()  # tables recomputed from the rest: emptied by every write, not restored

CATALOG_TABLES = (
    "parts", "areas", "task_groups", "tasks", "project_categories", "projects",
    "agencies", "responsibilities", "indicators", "indicator_tasks",
)
