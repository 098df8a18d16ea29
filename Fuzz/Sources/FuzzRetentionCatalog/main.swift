import CallVaultCore
import CallVaultRetention
import Foundation
import FuzzSupport

let endings: [Date] = [
    Date(timeIntervalSince1970: 1_768_471_500),  // 2026-01-15T10:05:00Z
    Date(timeIntervalSince1970: 253_402_300_799),  // 9999-12-31T23:59:59Z
    Date(timeIntervalSince1970: -62_135_596_800),  // 0001-01-01T00:00:00Z
]

/// The retention catalog CSV and the host's retention policy JSON (`callvault retention
/// --catalog/--policies`): any text must give a catalog or policies or a typed error; what loads
/// must schedule a recording (durations of any size, on a call at the edges of the calendar) without
/// a crash or an overflow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetentionCatalog(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    let text = String(decoding: bytes, as: UTF8.self)
    if let catalog = try? RetentionCatalog(csv: text, label: "fuzz") {
        schedule(catalog: catalog, policies: .none)
        if let bundled = try? RetentionCatalog.bundled {
            _ = bundled.overriding(with: catalog).regimes.count
        }
    }
    if let policies = try? RetentionPolicySet(json: Data(bytes)), let bundled = try? RetentionCatalog.bundled {
        schedule(catalog: bundled, policies: policies)
    }
    return 0
}

func schedule(catalog: RetentionCatalog, policies: RetentionPolicySet) {
    guard let scheduler = try? RetentionScheduler(catalog: catalog, policies: policies) else { return }
    let regimes = catalog.regimes.prefix(6).map(\.id)
    let places = ["US-CA", "FR", "DE", "GB"].compactMap { try? Jurisdiction(parsing: $0) }
    let purposes = Set(["quality", "legal-regulatory"].compactMap { try? Purpose($0) })
    for ended in endings {
        let attributes = RecordingRetentionAttributes(
            recordingID: RecordingID(), startedAt: ended, endedAt: ended, jurisdictions: places,
            declaredRegimes: Array(regimes), purposes: purposes, tags: ["vip"], queue: "sales",
            lineOfBusiness: "retail-banking")
        if let schedule = try? scheduler.schedule(for: attributes) {
            _ = try? scheduler.recompute(schedule, for: attributes)
        }
    }
}
