import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// The test kit's in-memory store keeps the store contract; card data makes its range due at once
/// without making the recording itself due.
@Suite("Sweeper: the in-memory store, and card data")
struct InMemoryStoreAndCardDataTests {
    @Test("the in-memory store keeps the retention store contract")
    func inMemoryStoreContract() async throws {
        try await RetentionStoreContract.check { InMemoryRetentionStore() }
    }

    @Test("the store contract holds through the observing wrapper the other tests use")
    func observedStoreContract() async throws {
        try await RetentionStoreContract.check { ObservedStore(InMemoryRetentionStore(), ledger: DeletionLedger()) }
    }

    @Test("a recording flagged with card data has its range due at once, but is kept and swept by its own schedule")
    func cardData() async throws {
        let ended = try Fixture.date("2026-03-02T10:00:00Z")
        let world = try RetentionWorld(now: ended.addingTimeInterval(86_400))
        let records = try await world.add([
            try Fixture.call(1, endedAt: ended, places: ["DE"], regimes: ["eu-mifid2-16-7"], cardData: true),
            try Fixture.call(2, endedAt: ended, places: ["DE"], regimes: ["eu-mifid2-16-7"]),
        ])
        let flagged = try #require(records.first)
        let plain = try #require(records.last)
        #expect(flagged.schedule.redactions.map(\.dueAt) == [ended])
        #expect(flagged.schedule.redactions.map(\.rule) == ["pci-dss-3-3-1"])
        #expect(flagged.schedule.redactions.map(\.range) == [CardDataRange(start: .seconds(30), end: .seconds(45))])
        #expect(plain.schedule.redactions.isEmpty)
        #expect(flagged.dueAt == plain.dueAt)
        #expect(flagged.dueAt == Fixture.adding(years: 5, to: ended))

        // The flag does not make the recording due: a sweep the next day leaves both.
        #expect(try await world.sweeper().sweep().deleted.isEmpty)
        world.clock.set(to: Fixture.adding(years: 5, to: ended))
        #expect(Set(try await world.sweeper().sweep().deleted) == [flagged.recordingID, plain.recordingID])
    }
}
