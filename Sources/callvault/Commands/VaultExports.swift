import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation

/// `callvault vault exports`: the register of copies that left the vault.
struct VaultExports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exports",
        abstract: "List the export register: every legal export and subject access package that left the vault.",
        discussion: """
            A copy re-encrypted for a court, a regulator or a data subject is outside the vault's \
            control: deleting the recording (shredding its keys) does not reach it. Every export is \
            registered (who, when, for which request, for which recipients, with which recordings) \
            before it is audited, and a recording's deletion certificate lists its copies. Reads the \
            database only: no passphrase is needed and nothing is written. Each record's signature is \
            checked against the vault's verifying key. With --json, an array of records with stable \
            keys: exportID, kind (legal-export or subject-access), recordingIDs, exportedAt, \
            exportedBy, purpose, request, recipients, signatureVerifies.

            Exit status: 0 listed; 1 the vault could not be read; 2 a record does not verify or the \
            audit log was altered; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(
        help: ArgumentHelp("Only the exports holding this recording.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.recording(text) })
    var recording: RecordingID?

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    func run() async throws {
        try await reportingVaultFailures {
            let stores = try location.checkedStores()
            let key = try location.folder.verifyingKey()
            let records =
                if let recording {
                    try await stores.exports.records(of: recording)
                } else {
                    try await stores.exports.allRecords()
                }
            let reports = records.map { ExportRegisterReport($0, verifyingKey: key) }
            if json {
                try VaultJSON.print(reports)
            } else {
                if reports.isEmpty { print("no exports") }
                for report in reports { print(report.line) }
            }
            if reports.contains(where: { !$0.signatureVerifies }) {
                Terminal.note("error: an export record does not verify with the vault's key: the register was altered")
                throw ExitCode(2)
            }
        }
    }
}

/// One export register record as `vault exports` and `vault show` report it.
struct ExportRegisterReport: Encodable {
    var exportID: String
    var kind: String
    var recordingIDs: [String]
    var exportedAt: Date
    var exportedBy: String
    var purpose: String
    var request: String
    var recipients: [String]
    /// Whether the record's signature verifies with the vault's verifying key.
    var signatureVerifies: Bool

    init(_ signed: SignedExportRecord, verifyingKey: VerifyingKey) {
        let record = signed.content
        exportID = record.exportID
        kind = record.kind.rawValue
        recordingIDs = record.recordingIDs.map(\.description)
        exportedAt = record.exportedAt
        exportedBy = record.exportedBy.rawValue
        purpose = record.purpose.identifier
        request = record.request
        recipients = record.recipients
        signatureVerifies = (try? signed.verified(by: verifyingKey)) != nil
    }

    /// One line a person reads.
    var line: String {
        "\(VaultTime.text(exportedAt))  \(kind)  by \(PrincipalID(recorded: exportedBy).escaped)  for "
            + "\(TerminalText.field(request))  to \(recipients.joined(separator: ", "))  "
            + "recordings \(recordingIDs.joined(separator: ", "))"
            + (signatureVerifies ? "" : "  SIGNATURE DOES NOT VERIFY")
    }
}
