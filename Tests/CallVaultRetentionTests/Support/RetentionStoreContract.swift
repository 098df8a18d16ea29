import CallVaultRetention
import CallVaultTestKit

/// What every ``RetentionStore`` must do: the test kit's conformance suite
/// (`StoreConformance.checkRetentionStore`), which the SQLite and PostgreSQL stores and a host's
/// own store run too.
enum RetentionStoreContract {
    /// Runs every check against stores made by `makeStore`, each check on a fresh one.
    static func check(_ makeStore: () throws -> any RetentionStore) async throws {
        try await StoreConformance.checkRetentionStore { try makeStore() }
    }
}
