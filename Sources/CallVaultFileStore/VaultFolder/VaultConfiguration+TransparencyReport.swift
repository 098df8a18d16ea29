public import CallVaultConsent
import CallVaultCore

extension VaultConfiguration {
    /// The fields the transparency report's written notice needs and this configuration lacks,
    /// found by rendering that notice in every bundled language (the report is written in the
    /// customer's); empty when a report can be produced for every recording.
    ///
    /// A configuration may be saved without them (a host that never shows customers the report),
    /// but `vault report` then fails; ``validateForTransparencyReport()`` refuses it early.
    ///
    /// - Throws: the `DisclosureError` rendering reports in ``defaultLanguage`` for anything but
    ///   a missing field (a language without notices, an audience without a name).
    public func fieldsMissingForTransparencyReport() throws -> [DisclosureField] {
        let renderer = DisclosureRenderer()
        var missing: [DisclosureField] = []
        let defaultLanguage = try renderer.language(forTag: self.defaultLanguage)
        for language in [defaultLanguage] + renderer.languages.filter({ $0 != defaultLanguage }) {
            var policy = disclosurePolicy
            // Each missing field is given a stand-in so rendering goes on to find the next one;
            // a template has fewer fields than this bound.
            for _ in 0..<16 {
                do {
                    _ = try renderer.render(.writtenDisclosure, policy: policy, language: language)
                    break
                } catch let error as DisclosureError {
                    guard case .missingField(let field, _) = error.reason else {
                        if language == defaultLanguage { throw error }
                        break
                    }
                    if !missing.contains(field) { missing.append(field) }
                    guard Self.standIn(for: field, in: &policy) else { break }
                } catch {
                    if language == defaultLanguage { throw error }
                    break
                }
            }
        }
        return missing
    }

    /// Checks that the transparency report's written notice can be rendered from the
    /// configuration, in every bundled language.
    ///
    /// - Throws: ``VaultFolderError/malformedConfiguration(path:field:reason:)`` whose `field`
    ///   names every missing field (such as `audiences, complaintContact, retentionDays`), or the
    ///   field a rendering error names.
    public func validateForTransparencyReport() throws {
        let source = VaultFolder.configurationFileName
        let missing: [DisclosureField]
        do {
            missing = try fieldsMissingForTransparencyReport()
        } catch {
            throw VaultFolderError(
                .malformedConfiguration(path: source, field: "(document)", reason: "\(error)"), underlying: error)
        }
        guard !missing.isEmpty else { return }
        throw VaultFolderError.malformedConfiguration(
            path: source, field: missing.map(\.name).joined(separator: ", "),
            reason:
                "the transparency report customers are owed cannot be written without \(missing.map(\.explanation).joined(separator: "; ")); set \(missing.count == 1 ? "it" : "them")"
        )
    }

    /// Sets `field` to a value only used to go on rendering; false for a field without one.
    private static func standIn(for field: DisclosureField, in policy: inout DisclosurePolicy) -> Bool {
        let contact = DisclosureContact.email("stand-in@example.com")
        switch field {
        case .retentionDays: policy.retentionDays = 1
        case .audiences: policy.audiences = [.supervisors]
        case .complaintContact: policy.complaintContact = contact
        case .withdrawalContact, .withdrawal: policy.withdrawalContact = contact
        case .regulator: policy.regulator = "a regulator"
        case .organisation: policy.organisation = "Organisation"
        case .purposes: policy.purposes = [.quality]
        default: return false
        }
        return true
    }
}
