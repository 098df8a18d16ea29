import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A registry over the in-memory store and audit log, with a manual clock and two legal-hold
/// officers, for the legal-hold tests.
struct HoldFixture {
    static let alice: PrincipalID = "legal.alice"
    static let bob: PrincipalID = "legal.bob"
    static let mallory: PrincipalID = "sales.mallory"

    let store = InMemoryRetentionStore()
    let audit = InMemoryRetentionAuditLog()
    let clock: ManualWallClock
    let registry: LegalHoldRegistry

    init(start: String = "2026-03-02T09:00:00Z") throws {
        clock = ManualWallClock(try CatalogFixture.instant(start))
        registry = LegalHoldRegistry(
            store: store, authoriser: LegalHoldOfficers([Self.alice, Self.bob]), audit: audit, clock: clock)
    }

    /// Seconds since 1970 of the clock's time, as the registry's audit event ids write them.
    var epochSeconds: Int { Int(clock.now.timeIntervalSince1970) }
}
