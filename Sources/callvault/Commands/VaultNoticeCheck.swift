import CallVaultConsent
import CallVaultSQLite

/// The check `vault init` and `vault accept-changes` make before creating or signing anything:
/// that `vault report` can write the customer's transparency report from the configuration
/// (its written notice needs a retention period, an audience and a complaint contact). Refusing
/// then, naming every missing field at once, is better than a report that fails for a customer.
enum VaultNoticeCheck {
    /// Throws ``VaultNoticeIncomplete`` naming every field `configuration` lacks, or the
    /// configuration's own error when the notice cannot be rendered for another reason.
    static func require(_ configuration: VaultConfiguration, in context: VaultNoticeIncomplete.Context) throws {
        let missing: [DisclosureField]
        do {
            missing = try configuration.fieldsMissingForTransparencyReport()
        } catch {
            throw VaultFolderError(
                .malformedConfiguration(
                    path: VaultFolder.configurationFileName, field: "(document)", reason: "\(error)"),
                underlying: error)
        }
        guard missing.isEmpty else { throw VaultNoticeIncomplete(missing: missing, context: context) }
    }
}

/// A configuration the transparency report's written notice cannot be rendered from (exit 1).
struct VaultNoticeIncomplete: Error, CustomStringConvertible {
    /// Which command refused it.
    enum Context {
        case initialising
        case acceptingChanges
    }

    let missing: [DisclosureField]
    let context: Context

    /// The `vault init` option that sets a field of `vault.json`.
    static func option(for field: DisclosureField) -> String {
        switch field {
        case .organisation: "--organisation"
        case .purposes: "--purpose"
        case .retentionDays: "--retention-days"
        case .audiences: "--audience"
        case .complaintContact: "--complaint-contact"
        case .withdrawalContact: "--withdrawal-contact"
        case .withdrawal: "--withdrawal-key or --withdrawal-contact"
        case .withdrawalKey: "--withdrawal-key"
        case .consentKey: "--consent-key"
        case .declineKey: "--decline-key"
        default: "no option; set it in vault.json"
        }
    }

    var description: String {
        let items = missing.map { "\($0.explanation) (\($0.name), \(Self.option(for: $0)))" }
        let needs =
            "The transparency report customers are owed ('callvault vault report': why recordings are kept, who hears them, how to complain) cannot be written without \(items.joined(separator: "; "))"
        switch context {
        case .initialising:
            let options = missing.map { Self.option(for: $0) }.joined(separator: ", ")
            return "\(needs). Give \(options) and run init again; nothing was created."
        case .acceptingChanges:
            let fields = missing.map(\.name).joined(separator: ", ")
            return "\(needs). Set \(fields) in vault.json and run accept-changes again; nothing was signed."
        }
    }
}
