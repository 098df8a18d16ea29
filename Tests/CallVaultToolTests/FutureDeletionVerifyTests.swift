import CallVaultCore
import Foundation
import Testing

@testable import CallVaultSQLite

/// A live vault swept on a clock ahead of real time (before a live vault refused one, or by a host
/// that edited its clock) holds tombstones dated in the future: `vault verify` names each such
/// deletion (`deletion-in-the-future`), since the recording may have been deleted early.
@Suite("vault verify: deletions dated in the future on a live vault")
struct FutureDeletionVerifyTests {
    @Test("a tombstone more than an hour after the checking clock is reported; within the hour it is not")
    func futureTombstone() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3 * 366 * 86_400))
        let swept = try fixture.run("sweep")
        #expect(swept.status == ExitStatus.success, "\(swept)")
        let stores = try fixture.folder.stores()
        let page = try await stores.catalog.entries(
            after: nil, limit: 10, verifyingKey: try fixture.folder.verifyingKey())
        let entries = page.filter { ids.contains($0.id) }
        #expect(entries.first?.recording?.state == .deleted)
        // Judged by a clock three hours behind the sweep's, the deletion is in that clock's future.
        let behind = try await VaultIntegrityCheck.futureDeletions(
            entries, retention: stores.retention, clock: Date().addingTimeInterval(-3 * 3_600))
        #expect(behind.map(\.kind) == [.deletionInTheFuture])
        #expect(behind.first?.detail.contains("clock ahead of real time") == true)
        let now = try await VaultIntegrityCheck.futureDeletions(entries, retention: stores.retention, clock: Date())
        #expect(now.isEmpty)
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.success, "\(verify)")
    }
}
