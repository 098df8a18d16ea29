import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
public import CallVaultRetention
import Foundation

/// The organisation's decisions `vault.json` carries besides its notices: consent settings,
/// consent catalog overrides, retention policies and the regimes of each line of business.
extension VaultConfiguration {
    /// The retention scheduler these decisions make: the bundled catalog, the configuration's
    /// policies, and ``retentionDays`` as every recording's stated maximum.
    ///
    /// - Throws: CallVaultRetention's errors for policies that take a regime's id.
    public func retentionScheduler() throws -> RetentionScheduler {
        try RetentionScheduler(catalog: try RetentionCatalog.bundled, policies: retentionPolicies ?? .none)
            .stating(days: retentionDays)
    }

    func validateDecisions(source: String) throws(VaultFolderError) {
        func fail(_ field: String, _ reason: String, underlying: (any Error)? = nil) -> VaultFolderError {
            VaultFolderError(
                .malformedConfiguration(path: source, field: field, reason: reason), underlying: underlying)
        }
        if let (field, reason) = consentSettings.problem() { throw fail("consentPolicy.\(field)", reason) }
        for (index, name) in consentCatalogOverrides.enumerated() {
            if let reason = Self.overrideFileProblem(name) { throw fail("consentCatalogOverrides[\(index)]", reason) }
            if consentCatalogOverrides[..<index].contains(name) {
                throw fail("consentCatalogOverrides[\(index)]", "'\(name)' is listed twice; list each file once")
            }
        }
        let catalog: RetentionCatalog
        do {
            catalog = try RetentionCatalog.bundled
        } catch {
            throw fail("regimesByLineOfBusiness", "\(error)", underlying: error)
        }
        for line in regimesByLineOfBusiness.keys.sorted() {
            let field = "regimesByLineOfBusiness.\(line)"
            if line.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(field, "a line of business has no name") }
            for (index, id) in (regimesByLineOfBusiness[line] ?? []).enumerated() {
                guard let regime = catalog.regime(id) else {
                    throw fail(
                        "\(field)[\(index)]",
                        "'\(id)' is not a regime of the retention catalog; check the id against `callvault retention regimes`"
                    )
                }
                guard regime.isDeclarableForRecordings else {
                    throw fail(
                        "\(field)[\(index)]",
                        "'\(id)' (\(regime.name)) is a reference, not a rule for call recordings: its period covers \(regime.scope.isEmpty ? "other records" : RetentionRegime.midSentence(regime.scope)), not calls; remove it, and set a retention policy if the organisation keeps such calls for a reason of its own"
                    )
                }
            }
        }
        if let retentionPolicies {
            do {
                _ = try RetentionScheduler(catalog: catalog, policies: retentionPolicies)
            } catch {
                let index = retentionPolicies.policies.firstIndex { policy in
                    guard let error = error as? RetentionScheduleError, case .policyNamesRegime(let id) = error.reason
                    else { return false }
                    return policy.id == id
                }
                throw fail(
                    "retentionPolicies.policies" + (index.map { "[\($0)]" } ?? ""), "\(error)", underlying: error)
            }
        }
    }

    /// Why `name` cannot name an override file in the vault's folder: it must be a plain file
    /// name (no folder, no `..`, not hidden), so the configuration never reaches outside the vault.
    static func overrideFileProblem(_ name: String) -> String? {
        if name.isEmpty { return "empty; give the name of a consent catalog file in the vault's folder" }
        if name.contains("/") || name.contains("\\") || name.hasPrefix(".") || name.contains("\0") {
            return
                "'\(name)' is not a plain file name; an override file lies in the vault's folder itself (`vault init --consent-overrides FILE` copies it there)"
        }
        if VaultFileSeal.sealedFiles.contains(name) || name == VaultFolder.auditLogFileName {
            return "'\(name)' is one of the vault's own files, not a consent catalog"
        }
        return nil
    }

    /// Whether the decisions are all at their defaults, so `vault.json` need not mention them (an
    /// older vault's file then reads and writes byte for byte as it did).
    var decisionsAreDefault: Bool {
        consentSettings == ConsentConfiguration() && consentCatalogOverrides.isEmpty && retentionPolicies == nil
            && regimesByLineOfBusiness.isEmpty
    }
}
