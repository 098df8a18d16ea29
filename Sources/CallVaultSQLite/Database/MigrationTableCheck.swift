import GRDB

/// Checks a vault database's migration table (`grdb_migrations`, unsigned) against its schema
/// before anything trusts it: a deleted row would make an open re-run that migration, either
/// failing on what it already made or repeating a repair (the catalog repair deletes receipts).
///
/// Each migration's footprint (the tables, indexes and columns it makes) is worked out by running
/// the migrations on an empty database in memory. A migration whose row is missing is one an
/// older CallVault never ran only if none of its footprint is in the database; a migration that
/// changes data only (no footprint) is never pending behind a later one that is recorded.
enum MigrationTableCheck {
    /// The migrations still to apply, and those of them that change data rather than schema.
    struct Pending {
        var identifiers: [String] = []
        var changingData: [String] = []
    }

    /// The migrations still to apply, after checking the table against the schema.
    ///
    /// - Throws: ``VaultDatabaseError/migrationsDamaged(path:detail:)``.
    static func pending(_ db: Database, applied: Set<String>, path: String) throws -> Pending {
        let known = VaultMigrations.identifiers
        var result = Pending()
        result.identifiers = known.filter { !applied.contains($0) }
        guard !result.identifiers.isEmpty else { return result }
        let footprints = try self.footprints()
        let actual = try schema(db)
        for (index, identifier) in known.enumerated() where !applied.contains(identifier) {
            let footprint = footprints[identifier] ?? []
            let present = footprint.intersection(actual)
            if !present.isEmpty {
                throw VaultDatabaseError.migrationsDamaged(
                    path: path,
                    detail:
                        "the record of migration \(identifier) is missing though the schema already holds what it makes (\(present.sorted().prefix(3).joined(separator: ", ")))"
                )
            }
            if footprint.isEmpty {
                if known[(index + 1)...].contains(where: applied.contains) {
                    throw VaultDatabaseError.migrationsDamaged(
                        path: path,
                        detail:
                            "the record of migration \(identifier) (a repair of data) is missing though later ones are recorded"
                    )
                }
                result.changingData.append(identifier)
            }
        }
        return result
    }

    /// What each migration adds to the schema, found on an empty database in memory.
    private static func footprints() throws -> [String: Set<String>] {
        let memory = try DatabaseQueue()
        var previous = Set<String>()
        var footprints: [String: Set<String>] = [:]
        for identifier in VaultMigrations.identifiers {
            try VaultMigrations.migrator.migrate(memory, upTo: identifier)
            let now = try memory.read { try schema($0) }
            footprints[identifier] = now.subtracting(previous)
            previous = now
        }
        return footprints
    }

    /// Every table, index and column of the schema, as "kind name" strings.
    private static func schema(_ db: Database) throws -> Set<String> {
        var items = Set<String>()
        let objects = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' AND type IN ('table', 'index')
                """)
        for object in objects {
            let type: String = object["type"]
            let name: String = object["name"]
            items.insert("\(type) \(name)")
            if type == "table" {
                for column in try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]) {
                    let columnName: String = column["name"]
                    items.insert("column \(name).\(columnName)")
                }
            }
        }
        return items
    }
}
