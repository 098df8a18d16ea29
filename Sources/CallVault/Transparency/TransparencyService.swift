import CallVaultAudit
public import CallVaultConsent
public import CallVaultCore
import CallVaultRetention
import Foundation

extension Vault {
    /// The transparency report for one recording, for the party `customer` on it (their receipts
    /// only), in `languageTag` (or the language they were addressed in, or the consent policy's
    /// default).
    ///
    /// - Throws: ``StorageError/recordingNotFound(_:)``; CallVaultConsent's disclosure errors
    ///   for a language the templates lack.
    public func transparencyReport(
        for id: RecordingID, customer: PartyID? = nil, languageTag: String? = nil
    ) async throws -> TransparencyReport {
        guard let recording = try await storage.catalog.recording(id) else {
            throw StorageError.recordingNotFound(id)
        }
        let party = customer ?? recording.parties.first { $0.role == .customer }?.id
        let tag =
            languageTag ?? recording.parties.first { $0.id == party }?.language
            ?? settings.consentPolicy.defaultLanguage
        let notice = try settings.renderer.render(
            .writtenDisclosure, policy: settings.disclosurePolicy, languageTag: tag)
        let labels = TransparencyLabels.labels(for: notice.language)
        let retention = try await storage.retention.record(id)
        var held = false
        if let retention {
            held = try await storage.retention.activeHolds().contains { $0.holds(retention.attributes) }
        }
        let receipts = recording.receipts.filter { party == nil || $0.content.party == party }
        let accesses = try await trail.entries(about: AuditRecord.target(id)).compactMap { entry in
            entry.record.action.identifier.hasPrefix("access.")
                ? TransparencyReport.Access(
                    at: entry.time, principal: entry.record.actor,
                    action: String(entry.record.action.identifier.dropFirst("access.".count)),
                    purpose: entry.record.purpose, allowed: entry.record.outcome == .allowed) : nil
        }

        var lines = ["# \(labels.title)", ""]
        lines.append("\(labels.call): \(labels.written(recording.startedAt))  (\(id))")
        for receipt in receipts {
            lines.append(
                "\(labels.yourAnswer): \(labels.answer(receipt.content.outcome, receipt.content.method))")
        }
        let laterReceipts = try await self.laterConsents(of: id)
        for later in laterReceipts.map(\.content) {
            // Each purpose by its name in the report's language, as the notice names them.
            let names = later.purposes.map {
                settings.renderer.templates.name(for: $0, in: notice.language) ?? $0.identifier
            }
            let heading = later.change == .given ? labels.laterGiven : labels.laterWithdrawn
            lines.append(
                "\(heading): \(names.joined(separator: labels.comma)) — \(labels.written(later.recordedAt))\(labels.comma)\(labels.channel(later.channel))"
            )
        }
        if let keep = retention?.schedule.keepUntil { lines.append("\(labels.keptUntil): \(labels.written(keep))") }
        if let delete = retention?.schedule.deleteBy {
            lines.append("\(labels.deletedBy): \(labels.written(delete))")
        }
        let keptLonger = retention?.schedule.conflicts.filter { $0.resolution == .keptForLegalObligation } ?? []
        if !keptLonger.isEmpty {
            let names = settings.scheduler.ruleNames
            let rules = keptLonger.map { conflict in
                labels.isolated(
                    "\(names[conflict.minimumRule] ?? conflict.minimumRule.rawValue) (\(conflict.minimumRule))")
                    + ": \(labels.written(conflict.minimumEnds))"
            }
            lines.append("\(labels.keptLongerByLaw): \(rules.joined(separator: "; "))")
        }
        if held { lines.append(labels.underHold) }
        lines += ["", "## \(labels.accesses)"]
        if accesses.isEmpty { lines.append(labels.noAccesses) }
        for access in accesses {
            // The purpose by its name in the report's language, where the templates have one.
            let purpose = access.purpose.map {
                " (\(settings.renderer.templates.name(for: $0, in: notice.language) ?? $0.identifier))"
            }
            lines.append(
                "- \(labels.written(access.at))  \(access.principal)  \(labels.action(access.action))\(purpose ?? "")  \(access.allowed ? labels.allowed : labels.denied)"
            )
        }
        lines += ["", notice.text]
        return TransparencyReport(
            recordingID: id, callStartedAt: recording.startedAt,
            purposes: recording.disclosedPurposes.union(Self.laterPurposesInForce(laterReceipts)).sorted {
                $0.identifier < $1.identifier
            },
            keptUntil: retention?.schedule.keepUntil, deleteBy: retention?.schedule.deleteBy,
            keptLongerByLaw: keptLonger, isHeld: held,
            receipts: receipts, laterConsents: laterReceipts, accesses: accesses, notice: notice,
            text: lines.joined(separator: "\n"))
    }
}
