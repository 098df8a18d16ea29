import GRDB

/// The schema, as named migrations that only ever grow: a migration once released is never edited
/// or reordered (a vault migrated by it would not be migrated again), and a change is a new
/// migration appended at the end. GRDB records the applied names in `grdb_migrations`.
///
/// Conventions: recording ids are lower-case UUID text (its byte order is `RecordingID`'s order);
/// times are `REAL` seconds since 2001-01-01, `Date`'s own representation, so they come back bit
/// for bit (`datetime(x + 978307200, 'unixepoch')` reads them); nested values are JSON.
enum VaultMigrations {
    static let identifiers = [
        "v1-catalog", "v1-keys", "v1-retention", "v1-audit", "v2-audit-by-target", "v2-catalog-content",
        "v2-complaints-training", SweepCatalogRepair.identifier, "v3-audit-log-anchor", "v3-catalog-signatures",
        "v4-training-signatures", "v5-later-consents-and-exports",
    ]

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE recording (
                        id TEXT PRIMARY KEY NOT NULL,
                        call_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        ended_at REAL,
                        agent_id TEXT,
                        team TEXT,
                        queue TEXT,
                        customer_id TEXT,
                        sensitivity TEXT NOT NULL,
                        media_encoding TEXT NOT NULL,
                        media_sample_rate INTEGER NOT NULL,
                        media_channel_count INTEGER NOT NULL,
                        is_quarantined INTEGER NOT NULL,
                        line_of_business TEXT,
                        parties TEXT NOT NULL,
                        disclosed_purposes TEXT NOT NULL,
                        tracks TEXT NOT NULL,
                        timeline TEXT,
                        tags TEXT NOT NULL,
                        declared_regimes TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX recording_by_start ON recording (started_at, id);
                    CREATE INDEX recording_by_state ON recording (state, started_at, id);
                    CREATE INDEX recording_by_customer ON recording (customer_id, started_at, id);
                    CREATE TABLE consent_receipt (
                        recording_id TEXT NOT NULL REFERENCES recording (id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        signed_file TEXT NOT NULL,
                        PRIMARY KEY (recording_id, position)
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v1-keys") { db in
            // No foreign key to `recording`: keys are stored before the catalog entry exists, and
            // the shredded list outlives everything else about a recording.
            try db.execute(
                sql: """
                    CREATE TABLE wrapped_key (
                        recording_id TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        wrap BLOB NOT NULL,
                        PRIMARY KEY (recording_id, position)
                    ) STRICT, WITHOUT ROWID;
                    CREATE TABLE shredded_recording (
                        recording_id TEXT PRIMARY KEY NOT NULL
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v1-retention") { db in
            try db.execute(
                sql: """
                    CREATE TABLE retention_record (
                        recording_id TEXT PRIMARY KEY NOT NULL,
                        customer_id TEXT,
                        started_at REAL NOT NULL,
                        due_at REAL,
                        deletion_begun INTEGER NOT NULL,
                        record TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX retention_due ON retention_record (due_at, recording_id)
                        WHERE deletion_begun = 0 AND due_at IS NOT NULL;
                    CREATE INDEX retention_in_progress ON retention_record (recording_id) WHERE deletion_begun = 1;
                    CREATE INDEX retention_by_customer ON retention_record (customer_id, started_at, recording_id);
                    CREATE TABLE tombstone (
                        recording_id TEXT PRIMARY KEY NOT NULL,
                        deleted_at REAL NOT NULL,
                        cause TEXT NOT NULL,
                        certificate TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE legal_hold (
                        id TEXT PRIMARY KEY NOT NULL,
                        released_at REAL,
                        hold TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX legal_hold_by_release ON legal_hold (released_at);
                    """)
        }
        migrator.registerMigration("v1-audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        log_id TEXT NOT NULL,
                        signer BLOB NOT NULL,
                        created INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE audit_entry (
                        sequence INTEGER PRIMARY KEY,
                        timestamp INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        purpose TEXT,
                        outcome TEXT NOT NULL,
                        reasons TEXT NOT NULL,
                        event_id TEXT,
                        hash BLOB NOT NULL
                    ) STRICT;
                    CREATE INDEX audit_entry_event ON audit_entry (event_id) WHERE event_id IS NOT NULL;
                    CREATE TABLE audit_checkpoint (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        sequence INTEGER NOT NULL,
                        head BLOB NOT NULL,
                        timestamp INTEGER NOT NULL,
                        signature BLOB NOT NULL
                    ) STRICT;
                    """)
        }
        migrator.registerMigration("v2-audit-by-target") { db in
            // Transparency reports and exports read one recording's history.
            try db.execute(sql: "CREATE INDEX audit_entry_by_target ON audit_entry (target, sequence)")
        }
        migrator.registerMigration("v2-catalog-content") { db in
            // Redaction: the content's storage key (NULL: the recording's id), contents awaiting
            // destruction, and the signed redaction certificates, as JSON.
            try db.execute(
                sql: """
                    ALTER TABLE recording ADD COLUMN content_id TEXT;
                    ALTER TABLE recording ADD COLUMN superseded_content TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE recording ADD COLUMN redactions TEXT NOT NULL DEFAULT '[]';
                    CREATE INDEX recording_with_superseded_content ON recording (id) WHERE superseded_content <> '[]';
                    """)
        }
        migrator.registerMigration("v2-complaints-training") { db in
            try db.execute(
                sql: """
                    CREATE TABLE complaint (
                        id TEXT PRIMARY KEY NOT NULL,
                        state TEXT NOT NULL,
                        customer_id TEXT,
                        received_at REAL NOT NULL,
                        body TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX complaint_by_state ON complaint (state, received_at);
                    CREATE INDEX complaint_by_customer ON complaint (customer_id, received_at);
                    CREATE TABLE training_completion (
                        principal TEXT NOT NULL,
                        course TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        completed_at REAL NOT NULL,
                        expires_at REAL,
                        PRIMARY KEY (principal, course, version, completed_at)
                    ) STRICT;
                    """)
        }
        migrator.registerMigration(SweepCatalogRepair.identifier, migrate: SweepCatalogRepair.migrate)
        migrator.registerMigration("v3-audit-log-anchor") { db in
            // The vault folder's audit log file, as the vault last knew it: its identity (the
            // header's fields and the genesis hash they give) and its latest signed checkpoint,
            // so a log deleted, emptied, cut short or replaced is recognised (AuditLogAnchor).
            // One row; none in a vault made by an earlier version until it is first opened.
            try db.execute(
                sql: """
                    CREATE TABLE audit_log_anchor (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        log_id TEXT NOT NULL,
                        signer BLOB NOT NULL,
                        created INTEGER NOT NULL,
                        genesis BLOB NOT NULL,
                        sequence INTEGER NOT NULL,
                        head BLOB NOT NULL,
                        checkpoint_time INTEGER NOT NULL,
                        signature BLOB NOT NULL
                    ) STRICT;
                    """)
        }
        migrator.registerMigration("v3-catalog-signatures") { db in
            // Each catalog row's version (raised by every save) and its Ed25519 signature by the
            // organisation's key over the row, its version and its receipts' digests (see
            // CatalogRowMessage), and the signatures of retention records and legal holds over
            // their JSON (StoreRowMessage); NULL: written before signatures, or without a key.
            try db.execute(
                sql: """
                    ALTER TABLE recording ADD COLUMN row_version INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE recording ADD COLUMN row_signature BLOB;
                    CREATE INDEX recording_unsigned ON recording (id) WHERE row_signature IS NULL;
                    ALTER TABLE retention_record ADD COLUMN record_signature BLOB;
                    ALTER TABLE legal_hold ADD COLUMN hold_signature BLOB;
                    """)
        }
        migrator.registerMigration("v4-training-signatures") { db in
            // Each training completion's Ed25519 signature by the organisation's key
            // (TrainingCompletionMessage); NULL: written before signatures, or without a key. Only
            // signed completions count towards access.
            try db.execute(sql: "ALTER TABLE training_completion ADD COLUMN completion_signature BLOB;")
        }
        migrator.registerMigration("v5-later-consents-and-exports") { db in
            // Consents given or withdrawn after the call (signed receipts, linked to the recording
            // by id; no foreign key, so a receipt outlives nothing it proves), and the register of
            // copies that left the vault (signed records; one row per recording a copy holds).
            try db.execute(
                sql: """
                    CREATE TABLE later_consent (
                        receipt_id TEXT PRIMARY KEY NOT NULL,
                        recording_id TEXT NOT NULL,
                        recorded_at REAL NOT NULL,
                        signed_file TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX later_consent_by_recording ON later_consent (recording_id, recorded_at);
                    CREATE TABLE export_record (
                        export_id TEXT PRIMARY KEY NOT NULL,
                        exported_at REAL NOT NULL,
                        signed_file TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE export_recording (
                        export_id TEXT NOT NULL REFERENCES export_record (export_id),
                        recording_id TEXT NOT NULL,
                        PRIMARY KEY (recording_id, export_id)
                    ) STRICT, WITHOUT ROWID;
                    """)
        }
        return migrator
    }()
}
