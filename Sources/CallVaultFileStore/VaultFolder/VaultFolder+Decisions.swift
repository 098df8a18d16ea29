package import CallVaultAudit
public import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
package import Foundation

/// The files `vault.json`'s decisions name (consent catalog overrides), and the audit of the
/// configuration in force: every open for writing compares it with the last one the audit log
/// records and, when it differs, records the old and new digests and the fields that changed.
///
/// Why the audit log and not the database: the log is hash-chained, signed and anchored in the
/// database already, so a record there cannot be removed or edited unseen, and the seal's own
/// version records (``VaultFileCheck``) work the same way. The seal guards `vault.json` itself;
/// this record also covers the override files it names, whichever way either changed.
extension VaultFolder {
    /// The consent catalog a vault with `configuration` resolves calls with: the bundled catalog,
    /// overridden in order by each of ``VaultConfiguration/consentCatalogOverrides``.
    ///
    /// - Throws: ``VaultFolderError/missingFile(path:role:)`` for an override file that is not
    ///   there; ``VaultFolderError/invalidConsentOverride(path:reason:)`` naming its line and column.
    public func consentCatalog(for configuration: VaultConfiguration) throws -> JurisdictionCatalog {
        var catalog = try JurisdictionCatalog.bundled
        for (name, text) in try consentOverrideTexts(for: configuration) {
            catalog = catalog.overriding(with: try Self.consentOverride(text, name: name, path: file(name).path))
        }
        return catalog
    }

    /// Each override file's text, in the configuration's order.
    package func consentOverrideTexts(for configuration: VaultConfiguration) throws -> [(name: String, text: String)] {
        try configuration.consentCatalogOverrides.map { name in
            (name, try read(file(name), role: "consent catalog override \(name)"))
        }
    }

    package static func consentOverride(_ text: String, name: String, path: String) throws -> JurisdictionCatalog {
        do {
            return try JurisdictionCatalog(csv: text, label: name)
        } catch {
            throw VaultFolderError(.invalidConsentOverride(path: path, reason: "\(error)"), underlying: error)
        }
    }

    /// Loads every override file `configuration` names, as a change is accepted: each must be
    /// there, read as a consent catalog, and give no review date after today. Opening the vault
    /// later loads the same files, so a configuration that passes here opens.
    ///
    /// - Throws: ``VaultFolderError/missingFile(path:role:)``;
    ///   ``VaultFolderError/invalidConsentOverride(path:reason:)`` naming the line.
    package func checkConsentOverrides(for configuration: VaultConfiguration, now: Date) throws {
        for (name, text) in try consentOverrideTexts(for: configuration) {
            let path = file(name).path
            try Self.checkReviewDates(of: try Self.consentOverride(text, name: name, path: path), path: path, now: now)
        }
    }

    /// Refuses a row reviewed after `now`: a review date says when the row was last checked
    /// against its sources, so one in the future is a mistake that would make the row look
    /// current for years. Today is taken in the earliest time zone (UTC+14), so a row reviewed
    /// today anywhere is accepted.
    package static func checkReviewDates(of catalog: JurisdictionCatalog, path: String, now: Date) throws {
        let latest = String(CivilTime.iso8601(now.addingTimeInterval(14 * 3_600)).prefix(10))
        let rows = catalog.rules.values.sorted { $0.line < $1.line }
        for rule in rows {
            guard let reviewed = rule.reviewed, reviewed > latest else { continue }
            throw VaultFolderError.invalidConsentOverride(
                path: path,
                reason:
                    "line \(rule.line) (\(rule.jurisdiction.code)): the review date \(reviewed) is later than today (\(latest)); a review date says when the row was last checked against its sources, so give the date it was, or leave the column empty"
            )
        }
    }

    private func file(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

/// The configuration in force, as the audit log records it.
package enum VaultConfigurationAudit {
    /// The action of an entry that records the configuration in force.
    static let action = "vault.configuration-applied"
    /// Its target.
    static let target = "vault-configuration"
    /// The reason line with the whole configuration's digest.
    static let digestPrefix = "configuration blake2b "
    /// The reason lines with each field's digest: `field <name> blake2b <hex>`.
    static let fieldPrefix = "field "
    static let fieldInfix = " blake2b "

    /// A digest per field of `vault.json` (its canonical JSON) and per override file (its bytes,
    /// as `consentCatalogOverrides:<name>`).
    package static func fieldDigests(
        configuration: [UInt8], overrides: [(name: String, text: String)]
    ) throws -> [String: String] {
        var digests: [String: String] = [:]
        if let object = try? JSONSerialization.jsonObject(with: Data(configuration)) as? [String: Any] {
            for (key, value) in object {
                let canonical = (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])) ?? Data()
                digests[key] = try hash(Array(canonical))
            }
        } else {
            digests[VaultFolder.configurationFileName] = try hash(configuration)
        }
        for (name, text) in overrides { digests["consentCatalogOverrides:\(name)"] = try hash(Array(text.utf8)) }
        return digests
    }

    /// The whole configuration's digest: over its fields' names and digests.
    static func digest(of fields: [String: String]) throws -> String {
        try hash(Array(fields.keys.sorted().map { "\($0)=\(fields[$0] ?? "")\n" }.joined().utf8))
    }

    /// The reason lines that record `fields`.
    package static func reasons(_ fields: [String: String]) throws -> [String] {
        ["\(digestPrefix)\(try digest(of: fields))"]
            + fields.keys.sorted().map { "\(fieldPrefix)\($0)\(fieldInfix)\(fields[$0] ?? "")" }
    }

    /// The fields the last recording entry of `entries` records; `nil` when none does.
    static func lastRecorded(_ entries: [AuditEntry]) -> [String: String]? {
        var last: [String: String]?
        for entry in entries where entry.record.reasons.contains(where: { $0.hasPrefix(digestPrefix) }) {
            var fields: [String: String] = [:]
            for reason in entry.record.reasons where reason.hasPrefix(fieldPrefix) {
                guard let range = reason.range(of: fieldInfix, options: .backwards) else { continue }
                fields[
                    String(reason[reason.index(reason.startIndex, offsetBy: fieldPrefix.count)..<range.lowerBound])] =
                    String(reason[range.upperBound...])
            }
            last = fields
        }
        return last
    }

    /// What changed between two recorded configurations, field by field.
    static func changes(from old: [String: String], to new: [String: String]) -> [String] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            switch (old[key], new[key]) {
            case (nil, _): "'\(key)' (added)"
            case (_, nil): "'\(key)' (removed)"
            case (let was?, let now?) where was != now: "'\(key)'"
            default: nil
            }
        }
    }

    /// Records the configuration in force when it is not the one the log last recorded.
    ///
    /// The digests are taken from `configuration` as read, written back in its fixed form
    /// (``VaultConfiguration/json()``), never from the file's bytes read a second time: what the
    /// audit says changed is then what the vault works with, whatever the file's layout.
    ///
    /// - Returns: whether an entry was written.
    @discardableResult
    package static func settle(
        folder: VaultFolder, configuration: VaultConfiguration, overrides: [(name: String, text: String)],
        audit: AuditLog
    ) async throws -> Bool {
        let current = try fieldDigests(configuration: Array(configuration.json().utf8), overrides: overrides)
        let entries = try AuditLogReader.entries(at: folder.auditLogFile.path)
        let recorded = lastRecorded(entries)
        let currentDigest = try digest(of: current)
        let recordedDigest = try recorded.map(digest(of:))
        if let recordedDigest, recordedDigest == currentDigest { return false }
        let why: [String]
        if let recorded, let recordedDigest {
            why = [
                "the configuration changed since it was last applied: from \(recordedDigest) to \(currentDigest)",
                "fields changed: \(changes(from: recorded, to: current).joined(separator: ", "))",
            ]
        } else {
            why = [
                "the configuration in force, first recorded (a vault made before configuration changes were audited)"
            ]
        }
        _ = try await audit.recordAsCallVault(
            AuditRecord(
                actor: VaultFolder.vaultActor, action: try AuditAction(action), target: target, outcome: .succeeded,
                reasons: why + (try reasons(current)),
                eventID: "\(target)-\(currentDigest)-at-\(entries.count)"))
        try await audit.checkpoint()
        return true
    }

    private static func hash(_ bytes: [UInt8]) throws -> String {
        try BLAKE2b.hash(bytes, outputByteCount: 32).description
    }
}
