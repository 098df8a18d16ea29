import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import Foundation

/// The people who reach recordings afterwards, each through the same door: policy, audit, grant,
/// custodian.
struct DemoPeople {
    static let privacyCourse = "call-recording-privacy"

    let demo: DemoVault
    let printer: DemoPrinter

    /// Staff training: the policy lets only trained supervisors and agents listen.
    func recordTraining() async throws {
        printer.section("Staff training")
        let now = demo.clock.now
        for person in ["maria.schmidt", "tom.baker", "lena.vogel"] as [PrincipalID] {
            try await demo.training.record(
                TrainingRecord(
                    course: Self.privacyCourse, version: 3, completedAt: now.addingTimeInterval(-30 * 86_400),
                    expiresAt: now.addingTimeInterval(335 * 86_400)),
                for: person)
        }
        printer.line("maria.schmidt, tom.baker and lena.vogel completed \(Self.privacyCourse) v3 (valid one year).")
    }

    func person(_ id: PrincipalID, _ role: Role, team: String? = nil) async throws -> Principal {
        try await demo.training.withTraining(
            Principal(
                id: id, roles: [role], team: team,
                authentication: Authentication(method: "sso", at: demo.clock.now, multiFactor: true)))
    }

    func supervisorListens(to recording: RecordingEntry, _ checks: inout Checks) async throws {
        printer.section("A supervisor reviews the German call for quality")
        let maria = try await person("maria.schmidt", "supervisor", team: "billing-de")
        let playback = try await demo.playback.play(
            recording.id, PlaybackRequest(principal: maria, purpose: .quality))
        printer.line(
            "Allowed by rule \(playback.decision.decidingRule ?? "?"): \(playback.samples.count / 2) sample frames played."
        )
        checks.check(playback.decision.isAllowed, "maria.schmidt (same team, trained, MFA) may listen for quality")
        if let pause = recording.timeline?.pauses.first {
            let start = Int(pause.recordingFrame) * 2
            let end = start + Int(pause.frameCount) * 2
            checks.check(
                end <= playback.samples.count && playback.samples[start..<end].allSatisfy { $0 == 0xFF },
                "the card payment plays as silence")
        }
    }

    func otherAgentIsRefused(_ recording: RecordingEntry, _ checks: inout Checks) async throws {
        printer.section("An agent from another team tries to listen")
        let tom = try await person("tom.baker", "agent", team: "sales-us")
        do {
            _ = try await demo.playback.play(recording.id, PlaybackRequest(principal: tom, purpose: .training))
            checks.check(false, "tom.baker must not reach another agent's call")
        } catch let error as PlaybackError where error.code == .denied {
            guard case .denied(let decision) = error.reason else { throw error }
            for reason in decision.reasons { printer.line("Refused: \(reason)") }
            checks.check(true, "tom.baker is refused, and the refusal is in the audit log")
        }
    }

    func complianceExports(_ recording: RecordingEntry, _ checks: inout Checks) async throws {
        printer.section("A compliance officer exports the Texas call for a dispute")
        let priya = try await person("priya.nair", "compliance-officer")
        let priyaKey = try Identity.generate()
        let keyFile = demo.directory.appendingPathComponent("keys/priya.nair.identity")
        try PrivateFile.write(
            try IdentityFile.seal(priyaKey, passphrase: try Passphrase("callvault demo")).utf8, to: keyFile)
        let package = try await demo.playback.exportForLegalRequest(
            recording.id,
            PlaybackRequest(
                principal: priya, purpose: .disputeResolution, legalReference: "dispute DR-2026-0142",
                approvals: ["omar.haddad"]),
            recipients: [priyaKey.recipient])
        let folder = demo.directory.appendingPathComponent("exports/\(recording.id)")
        try package.write(to: folder)
        let manifest = try ExportPackage.verify(
            files: try ExportPackage.readFiles(in: folder), trustedKey: demo.verifyingKey)
        printer.line("Package in \(folder.path): \(manifest.files.map(\.name).joined(separator: ", ")).")
        checks.check(manifest.legalReference == "dispute DR-2026-0142", "the signed manifest names the dispute")
        var audio: [UInt8] = []
        try EnvelopeReader(source: package.files["recording.cvr"] ?? [], identity: priyaKey).readAll(to: &audio)
        let excluded = recording.timeline?.exclusions.first { $0.track == DemoCalls.thirdParty }
        if let excluded {
            let frames = Int(excluded.recordingFrame)..<Int(excluded.recordingFrame + excluded.frameCount)
            checks.check(
                frames.allSatisfy { audio.indices.contains($0 * 3 + 2) && audio[$0 * 3 + 2] == 0xFF },
                "in the export, Sam's track is silent until they agreed")
        }
    }

    func customerComplains(about recording: RecordingEntry, _ checks: inout Checks) async throws -> Complaint {
        printer.section("The German caller complains")
        let complaint = try await demo.complaints.file(
            customerID: recording.customerID, channel: "phone", callIDs: [recording.callID],
            recordingIDs: [recording.id], text: "Ich wurde doppelt belastet. (I was charged twice.)",
            receivedBy: "complaints-desk")
        printer.line(
            "Complaint \(complaint.id) received; acknowledge by \(complaint.acknowledgeBy), resolve by \(complaint.resolveBy)."
        )
        try await demo.complaints.startInvestigation(complaint.id, by: "lena.vogel")
        let lena = try await person("lena.vogel", "complaints-handler")
        let playback = try await demo.complaints.listen(to: recording.id, for: complaint.id, as: lena)
        checks.check(playback.decision.isAllowed, "the complaint handler hears the call for dispute resolution")
        let holds = try await demo.holds.holds(covering: recording.retentionAttributes)
        checks.check(
            holds.map(\.id) == [complaint.holdID], "a legal hold keeps the recording while the complaint is open")
        return complaint
    }

    func transparency(for recording: RecordingEntry, _ checks: inout Checks) async throws {
        printer.section("What the German caller is told about their recording")
        let report = try await demo.vault.transparencyReport(for: recording.id)
        for line in report.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(14) {
            printer.line(String(line))
        }
        checks.check(report.notice.language.tag == "de", "in German, the language the caller was addressed in")
        checks.check(
            report.accesses.map(\.principal) == ["maria.schmidt", "tom.baker", "lena.vogel"]
                && report.accesses.map(\.allowed) == [true, false, true],
            "it lists who reached the recording and why, and the refused attempt")
    }
}
