public import CallVaultCore

/// What the embedded storage reports when the disk, the database or the vault folder lets it down.
///
/// Misuse the seams define (a blob that already exists, a shredded recording given keys again, a
/// legal hold changed meanwhile) is reported with the seams' own errors (`StorageError`,
/// `RetentionStoreError`), exactly as the in-memory stores report it, so a host handles both the
/// same way. These cases are what only a real disk and a real database can do.
public struct SQLiteVaultError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``SQLiteVaultError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = SQLiteVaultError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A file operation on the vault folder failed.
        public static let io = Code("sqlitevault.io")
        /// A row of the vault database cannot be turned back into the value that was stored.
        public static let unreadableRow = Code("sqlitevault.unreadable-row")
        /// A value is too large for the database's 64-bit integers.
        public static let valueOutOfRange = Code("sqlitevault.value-out-of-range")
        /// The database was migrated by a newer CallVault, whose schema this version does not know.
        public static let newerSchema = Code("sqlitevault.newer-schema")
        /// Audit entries were appended to a sink whose log was never opened.
        public static let auditLogNotOpened = Code("sqlitevault.audit-log-not-opened")
        /// An audit append does not continue the stored chain: another writer appended meanwhile.
        public static let auditSequenceMismatch = Code("sqlitevault.audit-sequence-mismatch")

        /// Every code of this type.
        public static let all: [Code] = [
            io, unreadableRow, valueOutOfRange, newerSchema, auditLogNotOpened, auditSequenceMismatch,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A file operation on the vault folder failed.
        case io(path: String, operation: String, reason: String)
        /// A row of the vault database cannot be turned back into the value that was stored.
        case unreadableRow(table: String, key: String, reason: String)
        /// A value is too large for the database's 64-bit integers.
        case valueOutOfRange(field: String, value: String)
        /// The database was migrated by a newer CallVault, whose schema this version does not know.
        case newerSchema(path: String, unknownMigrations: [String])
        /// Audit entries were appended to a sink whose log was never opened.
        case auditLogNotOpened(path: String)
        /// An audit append does not continue the stored chain: another writer appended meanwhile.
        case auditSequenceMismatch(expected: UInt64, found: UInt64)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .io: .io
        case .unreadableRow: .unreadableRow
        case .valueOutOfRange: .valueOutOfRange
        case .newerSchema: .newerSchema
        case .auditLogNotOpened: .auditLogNotOpened
        case .auditSequenceMismatch: .auditSequenceMismatch
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .io(let path, let operation, let reason):
            "\(operation) failed for \(path): \(reason). Check that the disk is not full or failing and that the process may write to the vault folder, then retry."
        case .unreadableRow(let table, let key, let reason):
            "The vault database holds a row in \(table) for \(key) that cannot be read back (\(reason)); it was changed outside CallVault or damaged: restore the database from a backup."
        case .valueOutOfRange(let field, let value):
            "\(field) \(value) does not fit the database's 64-bit integers; this is a bug in the caller, since CallVault never produces such values."
        case .newerSchema(let path, let unknown):
            "The vault database \(path) was migrated by a newer CallVault (migrations \(unknown.joined(separator: ", ")) are unknown to this version); run the newer version, or restore a backup made before the upgrade."
        case .auditLogNotOpened(let path):
            "Audit entries were appended to \(path) before its log was opened; create the AuditLog over the sink, which opens it first."
        case .auditSequenceMismatch(let expected, let found):
            "The stored audit log continues at entry \(expected), but the append starts at entry \(found): another writer appended to the log meanwhile. Open a new AuditLog over the sink, so it continues from the stored head."
        }
    }

    /// A file operation on the vault folder failed.
    public static func io(path: String, operation: String, reason: String) -> SQLiteVaultError {
        SQLiteVaultError(.io(path: path, operation: operation, reason: reason))
    }
    /// The code for ``io(path:operation:reason:)``, for `catch SQLiteVaultError.io`.
    public static let io = Code.io

    /// A row of the vault database cannot be turned back into the value that was stored.
    public static func unreadableRow(table: String, key: String, reason: String) -> SQLiteVaultError {
        SQLiteVaultError(.unreadableRow(table: table, key: key, reason: reason))
    }
    /// The code for ``unreadableRow(table:key:reason:)``, for `catch SQLiteVaultError.unreadableRow`.
    public static let unreadableRow = Code.unreadableRow

    /// A value is too large for the database's 64-bit integers.
    public static func valueOutOfRange(field: String, value: String) -> SQLiteVaultError {
        SQLiteVaultError(.valueOutOfRange(field: field, value: value))
    }
    /// The code for ``valueOutOfRange(field:value:)``, for `catch SQLiteVaultError.valueOutOfRange`.
    public static let valueOutOfRange = Code.valueOutOfRange

    /// The database was migrated by a newer CallVault, whose schema this version does not know.
    public static func newerSchema(path: String, unknownMigrations: [String]) -> SQLiteVaultError {
        SQLiteVaultError(.newerSchema(path: path, unknownMigrations: unknownMigrations))
    }
    /// The code for ``newerSchema(path:unknownMigrations:)``, for `catch SQLiteVaultError.newerSchema`.
    public static let newerSchema = Code.newerSchema

    /// Audit entries were appended to a sink whose log was never opened.
    public static func auditLogNotOpened(path: String) -> SQLiteVaultError {
        SQLiteVaultError(.auditLogNotOpened(path: path))
    }
    /// The code for ``auditLogNotOpened(path:)``, for `catch SQLiteVaultError.auditLogNotOpened`.
    public static let auditLogNotOpened = Code.auditLogNotOpened

    /// An audit append does not continue the stored chain: another writer appended meanwhile.
    public static func auditSequenceMismatch(expected: UInt64, found: UInt64) -> SQLiteVaultError {
        SQLiteVaultError(.auditSequenceMismatch(expected: expected, found: found))
    }
    /// The code for ``auditSequenceMismatch(expected:found:)``, for `catch SQLiteVaultError.auditSequenceMismatch`.
    public static let auditSequenceMismatch = Code.auditSequenceMismatch
}
