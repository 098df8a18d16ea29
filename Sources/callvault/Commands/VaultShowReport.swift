import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation

/// What `callvault vault show` prints about one recording: the same facts as lines a person reads
/// or as JSON.
struct VaultShowReport: Encodable {
    struct Party: Encodable {
        var id: String
        var role: String
        var location: String
        var language: String?
    }

    struct Receipt: Encodable {
        var party: String
        var role: String
        var location: String
        var outcome: String
        var method: String
        var key: String?
        var decidedAt: Date
        var announcement: String?
        /// Whether the receipt's signature verifies with the vault's verifying key.
        var signatureVerifies: Bool
        /// The operator who attested the evidence (an imported recording's receipts).
        var attestingOperator: String?
        /// The evidence the operator attested.
        var evidence: String?
    }

    struct Span: Encodable {
        var fromSeconds: Double
        var toSeconds: Double
        var reasons: [String]?
        var track: String?
    }

    struct Schedule: Encodable {
        var keepUntil: Date
        var deleteBy: Date?
        var deleteAt: Date?
        var restrictedFrom: Date?
        var governing: [String]
        var explanation: String
    }

    struct Hold: Encodable {
        var id: String
        var matter: String
        var reason: String
        var placedBy: String
        var placedAt: Date
        var releaseRequestedBy: String?
    }

    struct Deletion: Encodable {
        var deletedAt: Date
        var cause: String
        /// Whether the deletion certificate's signature verifies with the vault's verifying key.
        var certificateVerifies: Bool
    }

    var id: String
    var callID: String
    var state: String
    var startedAt: Date
    var endedAt: Date?
    var seconds: Double?
    var format: String
    var tracks: [String]
    var parties: [Party]
    var agentID: String?
    var team: String?
    var queue: String?
    var customerID: String?
    /// The purposes the recording may be used for: those told of on the call plus those later
    /// consents (whose signatures verify) gave and did not withdraw.
    var disclosedPurposes: [String]
    /// The purposes told of on the call (the catalog entry).
    var purposesDisclosedOnTheCall: [String]
    /// Consents given or withdrawn after the call, oldest first.
    var laterConsents: [LaterConsentReport] = []
    /// The copies of the recording that left the vault (legal exports, subject access packages),
    /// from the export register, oldest first.
    var exports: [ExportRegisterReport] = []
    var sensitivity: String
    var quarantined: Bool
    var declaredRegimes: [String]
    var receipts: [Receipt]
    var pauses: [Span]
    var exclusions: [Span]
    var redactions: Int
    var schedule: Schedule?
    var holds: [Hold]
    var deletion: Deletion?
    /// "verified", "unsigned-legacy", "deletion-in-progress" or "tampered" (see `callvault vault verify`).
    var integrity = "verified"
    /// What does not verify, one phrase per problem.
    var integrityProblems: [String] = []
    /// The media format in the envelope header (what the audio is played by).
    var headerFormat: String?
    /// Whether the wrapped keys are there (for a recording with audio).
    var keysPresent: Bool?
    /// The vault is a simulation: the recording's times (its schedule, a deletion) may be
    /// simulated ones.
    var simulation = false

    /// The recording's length in seconds, when it has a timeline.
    static func seconds(of recording: RecordingEntry) -> Double? {
        guard let timeline = recording.timeline, recording.format.sampleRate > 0 else { return nil }
        return Double(timeline.frameCount) / Double(recording.format.sampleRate)
    }

    init(
        recording: RecordingEntry, retention: RetentionRecord?, holds: [LegalHold], tombstone: Tombstone?,
        verifyingKey: VerifyingKey
    ) {
        let rate = Double(max(1, recording.format.sampleRate))
        id = recording.id.description
        callID = recording.callID
        state = recording.state.rawValue
        startedAt = recording.startedAt
        endedAt = recording.endedAt
        seconds = Self.seconds(of: recording)
        format = recording.format.description
        tracks = recording.tracks.map(\.description)
        parties = recording.parties.map {
            Party(
                id: $0.id.description, role: $0.role.description, location: $0.location.description,
                language: $0.language)
        }
        agentID = recording.agentID?.rawValue
        team = recording.team
        queue = recording.queue
        customerID = recording.customerID
        disclosedPurposes = recording.disclosedPurposes.map(\.identifier).sorted()
        purposesDisclosedOnTheCall = disclosedPurposes
        sensitivity = recording.sensitivity.rawValue
        quarantined = recording.isQuarantined
        declaredRegimes = recording.declaredRegimes.map(\.description)
        receipts = recording.receipts.map { signed in
            let receipt = signed.content
            return Receipt(
                party: receipt.party.description, role: receipt.role.description,
                location: receipt.location.description,
                outcome: receipt.outcome.rawValue, method: receipt.method.rawValue, key: receipt.key,
                decidedAt: Date(timeIntervalSince1970: Double(receipt.decidedAt.unixMilliseconds) / 1000),
                announcement: receipt.announcement.map { "\($0.scriptID) v\($0.version) (\($0.language))" },
                signatureVerifies: (try? signed.verified(by: verifyingKey)) != nil,
                attestingOperator: receipt.attestingOperator, evidence: receipt.evidence)
        }
        pauses = (recording.timeline?.pauses ?? []).map {
            Span(
                fromSeconds: Double($0.recordingFrame) / rate,
                toSeconds: Double($0.recordingFrame + $0.frameCount) / rate, reasons: $0.reasons.map(\.description),
                track: nil)
        }
        exclusions = (recording.timeline?.exclusions ?? []).map {
            Span(
                fromSeconds: Double($0.recordingFrame) / rate,
                toSeconds: Double($0.recordingFrame + $0.frameCount) / rate, reasons: nil, track: $0.track.description)
        }
        redactions = recording.redactions.count
        schedule = retention.map {
            Schedule(
                keepUntil: $0.schedule.keepUntil, deleteBy: $0.schedule.deleteBy, deleteAt: $0.schedule.deleteAt,
                restrictedFrom: $0.schedule.restrictedFrom, governing: $0.schedule.governing.map(\.description),
                explanation: $0.schedule.explanation)
        }
        self.holds = holds.map {
            Hold(
                id: $0.id.rawValue, matter: $0.matter, reason: $0.reason, placedBy: $0.placedBy.rawValue,
                placedAt: $0.placedAt, releaseRequestedBy: $0.releaseRequest?.requestedBy.rawValue)
        }
        deletion = tombstone.map { tombstone in
            let certificate = try? SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
            return Deletion(
                deletedAt: tombstone.deletedAt, cause: tombstone.cause.description,
                certificateVerifies: (try? certificate?.verified(by: verifyingKey)) != nil)
        }
    }

    /// Adds the later consents (counting only those whose signature verifies and that are about
    /// this recording, a receipt copied from another one counting for nothing; none at all when
    /// `withdrawalMissing`, as the access path refuses them then) and the exports.
    mutating func add(
        laterConsents receipts: [SignedLaterConsentReceipt], exports records: [SignedExportRecord],
        verifyingKey: VerifyingKey, withdrawalMissing: Bool = false
    ) {
        let verified = receipts.filter {
            (try? $0.verified(by: verifyingKey)) != nil && $0.content.recordingID.description == id
        }
        laterConsents = receipts.map { signed in
            LaterConsentReport(signed.content, signatureVerifies: verified.contains(signed))
        }
        disclosedPurposes = Set(purposesDisclosedOnTheCall).union(
            (withdrawalMissing ? [] : Vault.laterPurposesInForce(verified)).map(\.identifier)
        ).sorted()
        exports = records.map { ExportRegisterReport($0, verifyingKey: verifyingKey) }
    }

    /// The report as text.
    var lines: [String] {
        var lines = simulation ? ["SIMULATION: this vault is a simulation; its times are simulated"] : []
        lines += [
            "recording: \(id)",
            "state: \(state)\(quarantined ? " (quarantined: consent withdrawn)" : "")",
            "call: \(callID)",
            "started: \(VaultTime.text(startedAt))   ended: \(VaultTime.text(endedAt))"
                + (seconds.map { String(format: "   length: %.1f s", $0) } ?? ""),
            "format: \(format), tracks \(tracks.joined(separator: ", "))",
            "agent: \(agentID ?? "-")   team: \(team ?? "-")   queue: \(queue ?? "-")   customer: \(customerID ?? "-")",
            "purposes disclosed: \(disclosedPurposes.joined(separator: ", "))   sensitivity: \(sensitivity)",
        ]
        for consent in laterConsents {
            lines.append(
                "  later consent \(consent.change): \(consent.purposes.joined(separator: ", ")) by \(TerminalText.field(consent.channel)) "
                    + "(\(TerminalText.field(consent.evidence))), recorded by \(PrincipalID(recorded: consent.recordedBy).escaped) at \(VaultTime.text(consent.recordedAt)); "
                    + (consent.signatureVerifies ? "signature verifies" : "SIGNATURE DOES NOT VERIFY (not counted)"))
        }
        if let headerFormat, headerFormat != format { lines.append("envelope header format: \(headerFormat)") }
        if keysPresent == false { lines.append("keys: MISSING") }
        lines.append(
            integrity == "verified"
                ? "integrity: verified (signed by the organisation key)"
                : integrity == "deletion-in-progress"
                    ? "integrity: DELETION IN PROGRESS (a sweep was stopped half-way; run 'callvault vault sweep' to finish it)"
                    : "integrity: \(integrity == "tampered" ? "TAMPERED" : "UNSIGNED (legacy; adopted at the next open for writing)")"
        )
        for problem in integrityProblems { lines.append("  \(problem)") }
        if !declaredRegimes.isEmpty { lines.append("declared regimes: \(declaredRegimes.joined(separator: ", "))") }
        lines.append("parties:")
        for party in parties {
            lines.append("  \(party.id)  \(party.role)  \(party.location)\(party.language.map { "  \($0)" } ?? "")")
        }
        lines.append("receipts:\(receipts.isEmpty ? " none" : "")")
        for receipt in receipts {
            let key = receipt.key.map { " \($0)" } ?? ""
            lines.append(
                "  \(receipt.party) (\(receipt.role), \(receipt.location)): \(receipt.outcome) by \(receipt.method)\(key) at \(VaultTime.text(receipt.decidedAt)); "
                    + (receipt.signatureVerifies ? "signature verifies" : "SIGNATURE DOES NOT VERIFY"))
            if let attesting = receipt.attestingOperator {
                lines.append(
                    "    attested by \(PrincipalID(recorded: attesting).escaped): \(TerminalText.field(receipt.evidence ?? "-"))"
                )
            }
        }
        lines.append("pauses:\(pauses.isEmpty ? " none" : "")")
        for pause in pauses {
            lines.append(
                String(format: "  %.2f s to %.2f s", pause.fromSeconds, pause.toSeconds)
                    + ": \((pause.reasons ?? []).map(TerminalText.field).joined(separator: ", "))")
        }
        if !exclusions.isEmpty {
            lines.append("exclusions:")
            for span in exclusions {
                lines.append(
                    String(format: "  track %@: %.2f s to %.2f s", span.track ?? "-", span.fromSeconds, span.toSeconds))
            }
        }
        if redactions > 0 { lines.append("redactions: \(redactions)") }
        if let schedule {
            lines.append(
                "schedule: keep until \(VaultTime.text(schedule.keepUntil)); delete by \(VaultTime.text(schedule.deleteBy))"
                    + (schedule.governing.isEmpty ? "" : "; rules \(schedule.governing.joined(separator: ", "))"))
        } else {
            lines.append("schedule: none")
        }
        lines.append("holds:\(holds.isEmpty ? " none" : "")")
        for hold in holds {
            lines.append(
                "  \(TerminalText.field(hold.id)): \(TerminalText.field(hold.matter)) (\(TerminalText.field(hold.reason))), placed by \(PrincipalID(recorded: hold.placedBy).escaped) at \(VaultTime.text(hold.placedAt))"
                    + (hold.releaseRequestedBy.map { "; release requested by \(PrincipalID(recorded: $0).escaped)" }
                        ?? ""))
        }
        lines.append("copies outside the vault:\(exports.isEmpty ? " none" : "")")
        for export in exports { lines.append("  " + export.line) }
        if let deletion {
            lines.append(
                "deleted: \(VaultTime.text(deletion.deletedAt)), \(deletion.cause); certificate "
                    + (deletion.certificateVerifies ? "verifies" : "DOES NOT VERIFY"))
        }
        return lines
    }
}
