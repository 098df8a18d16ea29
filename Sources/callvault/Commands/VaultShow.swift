import ArgumentParser
import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation

/// `callvault vault show`: one recording's metadata, receipts, pauses, schedule and holds.
struct VaultShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recording: its parties, consent receipts, pauses, retention schedule and legal holds.",
        discussion: """
            Reads the catalog and the retention store only: no passphrase is needed, no audio is \
            decrypted and nothing is written. The audit log is checked against the vault's anchor \
            first (exit 2, or 3 for a log cut short). Each consent receipt and deletion certificate \
            is checked against the vault's verifying key, and so is the catalog entry itself (its \
            signature, its tombstone, its audit history, its wrapped keys and its envelope header's \
            media format): "integrity: verified", or what does not verify. With --json the same \
            facts, with stable keys, among them "integrity" ("verified", "unsigned-legacy", "deletion-in-progress" or \
            "tampered"), "integrityProblems", "headerFormat" and "keysPresent"; "disclosedPurposes" (those \
            told of on the call, "purposesDisclosedOnTheCall", plus those later consents gave), \
            "laterConsents" (see 'vault consent'), "exports" (the copies that left the vault, see \
            'vault exports') and "simulation" (true for a simulated vault, whose times are \
            simulated; the text then starts with a SIMULATION line).

            \(VaultRecordingReference.discussion)
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp(
            "The recording: its id, a prefix of its id no other recording shares, or its call id.",
            valueName: "id"))
    var reference: String

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let stores = try location.checkedStores()
            let id = try await VaultRecordingReference(text: reference).resolve(
                in: stores.catalog, verifyingKey: try folder.verifyingKey())
            guard let (entry, problems) = try await folder.verifyIntegrity(of: id) else {
                throw VaultToolError.unknownRecording(id)
            }
            guard let recording = entry.recording else {
                throw CatalogIntegrityError.rowNotVerified(id, reason: entry.integrity.reason)
            }
            let retention = try await stores.retention.record(id)
            let attributes = retention?.attributes ?? recording.retentionAttributes
            let holds = try folder.checkedRetention()
            var report = VaultShowReport(
                recording: recording, retention: retention,
                holds: try await holds.activeHolds().filter { $0.holds(attributes) },
                tombstone: try await stores.retention.tombstone(id), verifyingKey: try folder.verifyingKey())
            report.integrity =
                problems.isEmpty
                ? "verified"
                : problems.allSatisfy { $0.kind == .unsignedLegacy }
                    ? "unsigned-legacy"
                    : problems.allSatisfy { $0.kind == .deletionInterrupted } ? "deletion-in-progress" : "tampered"
            report.add(
                laterConsents: try await stores.laterConsents.receipts(for: id),
                exports: try await stores.exports.records(of: id), verifyingKey: try folder.verifyingKey(),
                withdrawalMissing: problems.contains { $0.kind == .laterConsentMissing })
            report.simulation = try folder.configuration().simulation
            report.integrityProblems = problems.map { "\($0.kind.rawValue): \($0.detail)" }
            if recording.state == .complete || recording.state == .incomplete {
                report.keysPresent = !(try await stores.keys.wraps(for: recording.contentID).isEmpty)
                report.headerFormat =
                    (try? EnvelopeHeader.read(from: try stores.blobs.source(for: recording.contentID)))?
                    .mediaFormat?.description
            }
            if json {
                try VaultJSON.print(report)
            } else {
                for line in report.lines { print(line) }
            }
        }
    }
}
