import ArgumentParser
import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultSQLite
import Foundation

/// `callvault vault consent`: a customer's consent, given after the call, to purposes they were
/// not told of on it.
struct VaultConsent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract:
            "Record a customer's later consent to new purposes for a recording (or, with --withdraw, its withdrawal).",
        discussion: """
            When a customer agrees after the call (a follow-up call, a web form) to a purpose they \
            were not told of on it, the consent is recorded as a receipt signed with the \
            organisation's key, linked to the recording, written to the audit log and stored. The \
            recording's catalog entry is not edited: its disclosed purposes become those told of on \
            the call plus those later consents gave, and access for them is then decided by the \
            policy's rules. 'vault show' lists the later consents. With --withdraw, a later consent \
            to the purposes is withdrawn (a purpose told of on the call is withdrawn by withdrawing \
            the recording's consent instead).

            Exit status: 0 recorded; 1 an unknown or deleted recording, a purpose already disclosed \
            (or, withdrawing, not given later) or empty evidence; 2 a stored later consent receipt \
            does not verify; 4 wrong passphrase; 64 usage (no --purpose, or an unknown --channel).

            \(VaultRecordingReference.discussion)
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp(
            "The recording: its id, a prefix of its id no other recording shares, or its call id.",
            valueName: "id"))
    var reference: String

    @Option(
        name: .customLong("purpose"),
        help: ArgumentHelp("A purpose the customer agreed to (or withdrew); repeat for each.", valueName: "purpose"),
        transform: { text in
            do { return try Purpose(text) } catch { throw ValidationError("\(error)") }
        })
    var purposes: [Purpose]

    @Option(
        help: ArgumentHelp(
            "How: \(LaterConsentReceipt.channels.sorted().joined(separator: ", ")).", valueName: "channel"))
    var channel: String

    @Option(help: ArgumentHelp("What proves it (a form submission's reference, a call id).", valueName: "text"))
    var evidence: String

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Who records it.", valueName: "principal"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var principal: PrincipalID

    @Flag(help: "Withdraw a later consent to the purposes instead of recording one.")
    var withdraw = false

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    func validate() throws {
        guard !purposes.isEmpty else { throw ValidationError("Give at least one --purpose.") }
        guard LaterConsentReceipt.channels.contains(channel) else {
            throw ValidationError(
                "'\(channel)' is not a consent channel: use \(LaterConsentReceipt.channels.sorted().joined(separator: ", "))."
            )
        }
    }

    func run() async throws {
        try await reportingVaultFailures {
            try await location.withOpenedVault(.changing) { opened in
                let id = try await VaultRecordingReference(text: reference).resolve(
                    in: opened.stores.catalog, verifyingKey: opened.verifyingKey)
                let vault = opened.vault
                let signed =
                    withdraw
                    ? try await vault.withdrawLaterConsent(
                        recording: id, purposes: Set(purposes), channel: channel, evidence: evidence, by: principal)
                    : try await vault.recordLaterConsent(
                        recording: id, purposes: Set(purposes), channel: channel, evidence: evidence, by: principal)
                guard let recording = try await vault.recording(id) else {
                    throw VaultToolError.unknownRecording(id)
                }
                let disclosed = try await vault.disclosedPurposes(of: recording).map(\.identifier).sorted()
                let report = LaterConsentReport(signed.content, disclosed: disclosed)
                if json {
                    try VaultJSON.print(report)
                } else {
                    print(
                        "\(report.change == "given" ? "recorded" : "withdrew") later consent \(report.receiptID) to "
                            + "\(report.purposes.joined(separator: ", ")) for recording \(id) by \(principal)")
                    print("disclosed purposes now: \(disclosed.joined(separator: ", "))")
                }
            }
        }
    }
}

/// What `vault consent --json` prints, and each entry of `vault show --json`'s `laterConsents`.
struct LaterConsentReport: Encodable {
    var receiptID: String
    var change: String
    var purposes: [String]
    var channel: String
    var evidence: String
    var recordedBy: String
    var recordedAt: Date
    /// Whether the receipt's signature verifies with the vault's key (always, for one just made).
    var signatureVerifies: Bool
    /// The recording's disclosed purposes after it (in `vault consent --json` only).
    var disclosedPurposes: [String]?

    init(_ receipt: LaterConsentReceipt, disclosed: [String]? = nil, signatureVerifies: Bool = true) {
        receiptID = receipt.receiptID
        change = receipt.change.rawValue
        purposes = receipt.purposes.map(\.identifier)
        channel = receipt.channel
        evidence = receipt.evidence
        recordedBy = receipt.recordedBy.rawValue
        recordedAt = receipt.recordedAt
        self.signatureVerifies = signatureVerifies
        disclosedPurposes = disclosed
    }
}
