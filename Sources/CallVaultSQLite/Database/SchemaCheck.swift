import Foundation
import GRDB

/// Checks a vault database's schema against the one its migrations make, before anything reads
/// or writes it.
///
/// Whoever can write `vault.sqlite` can add schema as well as rows: a trigger that ignores the
/// deletion of a wrapped key (or copies it elsewhere first) makes crypto-shredding a lie; a view or
/// a redefined partial index changes what the sweep's due query finds. Rows are signed; the schema
/// cannot be, so it is compared, object by object (type, name, table and SQL text), with the
/// schema the same migrations make on an empty database in memory. SQLite's own objects
/// (`sqlite_%`) and GRDB's migration table are left out: they are checked elsewhere.
///
/// The SQL text of an index can be rewritten (`PRAGMA writable_schema`) to hide a narrower
/// definition: ``tableProblems(_:tables:)`` (SQLite's `integrity_check`) finds an index whose
/// entries disagree with its table's rows.
enum SchemaCheck {
    /// One schema object, as `sqlite_master` lists it.
    struct Object: Hashable, Comparable {
        let type: String
        let name: String
        let table: String
        let sql: String

        static func < (lhs: Object, rhs: Object) -> Bool { (lhs.type, lhs.name) < (rhs.type, rhs.name) }

        var phrase: String { "\(type) \(name) on \(table)" }
    }

    /// The schema the current migrations make, worked out once per process.
    private static let expected: Result<Set<Object>, any Error> = Result {
        let memory = try DatabaseQueue()
        try VaultMigrations.migrator.migrate(memory)
        return try memory.read { try objects($0) }
    }

    /// Every object of `db`'s schema but SQLite's own and GRDB's.
    static func objects(_ db: Database) throws -> Set<Object> {
        Set(
            try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_master
                    WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                    """
            ).map { row in
                Object(
                    type: row["type"], name: row["name"], table: row["tbl_name"],
                    // Whitespace is not meaning: an older schema's text, altered by the same
                    // migrations, may be laid out otherwise.
                    sql: (row["sql"] as String).split(whereSeparator: \.isWhitespace).joined(separator: " "))
            })
    }

    /// Throws when `db`'s schema is not exactly the migrated one.
    ///
    /// - Throws: ``VaultDatabaseError/schemaAltered(path:detail:)``.
    static func requireExpected(_ db: Database, path: String) throws {
        let expected = try expected.get()
        let actual = try objects(db)
        guard actual != expected else { return }
        let added = actual.subtracting(expected).sorted()
        let expectedByName = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let changed = added.filter { expectedByName[$0.name] != nil }
        let foreign = added.filter { expectedByName[$0.name] == nil }
        let missing = expected.subtracting(actual).filter { object in !actual.contains { $0.name == object.name } }
        var parts: [String] = []
        if !foreign.isEmpty {
            let listed = foreign.prefix(3).map(\.phrase).joined(separator: ", ")
            parts.append("it holds what CallVault never made (\(listed))")
        }
        if !changed.isEmpty {
            let listed = changed.prefix(3).map(\.phrase).joined(separator: ", ")
            parts.append("defined otherwise than CallVault made it: \(listed)")
        }
        if !missing.isEmpty {
            parts.append("missing: \(missing.sorted().prefix(3).map(\.phrase).joined(separator: ", "))")
        }
        throw VaultDatabaseError.schemaAltered(path: path, detail: parts.joined(separator: "; "))
    }

    /// Throws when SQLite's `integrity_check` finds any table and its indexes disagreeing (or a
    /// damaged page): a query through an index would miss rows that are there, or a deletion
    /// through it leave them.
    ///
    /// - Throws: ``VaultDatabaseError/schemaAltered(path:detail:)``.
    static func requireConsistent(_ db: Database, path: String) throws {
        if let problem = try tableProblems(db).first {
            throw VaultDatabaseError.schemaAltered(path: path, detail: "SQLite's integrity check says \(problem)")
        }
    }

    /// What SQLite's `integrity_check` finds wrong with `tables` and their indexes (every table
    /// when `tables` is empty): an index missing rows of its table, or holding rows it has not.
    /// Empty when nothing is.
    static func tableProblems(_ db: Database, tables: [String] = []) throws -> [String] {
        let statements = tables.isEmpty ? ["PRAGMA integrity_check"] : tables.map { "PRAGMA integrity_check(\($0))" }
        var problems: [String] = []
        for sql in statements {
            problems += try String.fetchAll(db, sql: sql).filter { $0 != "ok" }
        }
        return problems
    }
}
