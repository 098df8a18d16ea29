import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSupport
import Foundation

extension VaultConfiguration {
    /// The fields `vault.json` may hold; any other is refused, so a misspelt field is an error
    /// rather than a setting silently ignored.
    static let fields = [
        "format", "organisation", "purposes", "retentionDays", "audiences", "consentKey", "declineKey",
        "withdrawalKey", "withdrawalContact", "complaintContact", "defaultLanguage", "holdOfficers", "recipients",
        "consentPolicy", "consentCatalogOverrides", "retentionPolicies", "regimesByLineOfBusiness", "simulation",
    ]

    /// Reads a configuration from the text of a `vault.json` file, and validates it.
    ///
    /// - Throws: ``VaultFolderError/malformedConfiguration(path:field:reason:)`` naming the field
    ///   at fault (an unknown field, a field written twice in one object, a missing one, a value
    ///   of the wrong kind, or one that ``validate()`` refuses);
    ///   ``VaultFolderError/unsupportedConfigurationFormat(path:format:)``.
    public init(json text: String) throws {
        try self.init(json: text, source: VaultFolder.configurationFileName)
    }

    /// ``init(json:)`` naming `source` (the file's path) in its errors, with the line of the field.
    package init(json text: String, source: String) throws(VaultFolderError) {
        // The strict reader first: Foundation's decoder below accepts some text that is not JSON
        // and would not say on which line the document breaks.
        let document: JSONNode
        do {
            document = try JSONReader.parse(text)
        } catch {
            throw VaultFolderError(
                .malformedConfiguration(
                    path: "\(source):\(error.position.line)", field: "(document)",
                    reason: "it is not valid JSON (\(error.reason) at \(error.position))"),
                underlying: error)
        }
        if let repeated = document.firstRepeatedKey() {
            // Readers differ on which occurrence counts (the notice and the audit once read one
            // value, the schedules the other), so the file must say one thing.
            throw .malformedConfiguration(
                path: "\(source):\(repeated.position.line)", field: repeated.path,
                reason:
                    "the field \"\(repeated.key)\" appears twice in one object; keep the one you mean and remove the other"
            )
        }
        let index = JSONLineIndex(document)
        do {
            try self.init(unlocated: text, source: source)
        } catch {
            guard case .malformedConfiguration(let path, let field, let reason) = error.reason else { throw error }
            // The field's line, so the error points where to look in a long file.
            let line = index.line(of: field)
            throw VaultFolderError(
                .malformedConfiguration(path: line.map { "\(path):\($0)" } ?? path, field: field, reason: reason),
                underlying: error.underlying)
        }
    }

    private init(unlocated text: String, source: String) throws(VaultFolderError) {
        let document: ConfigurationDocument
        do {
            document = try JSONDecoder().decode(ConfigurationDocument.self, from: Data(text.utf8))
        } catch let problem as FieldProblem {
            throw VaultFolderError(
                .malformedConfiguration(path: source, field: problem.field, reason: problem.reason),
                underlying: problem.underlying)
        } catch let error as DecodingError {
            if case .typeMismatch = error {
                throw VaultFolderError(
                    .malformedConfiguration(
                        path: source, field: "(document)", reason: "it is not a JSON object of vault settings"),
                    underlying: error)
            }
            throw VaultFolderError(
                .malformedConfiguration(
                    path: source, field: "(document)", reason: "it is not valid JSON (\(Self.summary(of: error)))"),
                underlying: error)
        } catch {
            throw VaultFolderError(
                .malformedConfiguration(
                    path: source, field: "(document)", reason: "it is not valid JSON (\(Self.summary(of: error)))"),
                underlying: error)
        }
        guard document.format == Self.format else {
            throw .unsupportedConfigurationFormat(path: source, format: document.format)
        }
        self = document.configuration
        retentionPolicies = try Self.retentionPolicies(in: text, source: source)
        try validate(source: source)
    }

    /// The `retentionPolicies` object, read by CallVaultRetention's reader so an error names the
    /// policy (by position) and its field.
    private static func retentionPolicies(in text: String, source: String) throws(VaultFolderError)
        -> RetentionPolicySet?
    {
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let value = object["retentionPolicies"], !(value is NSNull)
        else { return nil }
        func fail(_ field: String, _ reason: String, underlying: (any Error)? = nil) -> VaultFolderError {
            VaultFolderError(
                .malformedConfiguration(path: source, field: field, reason: reason), underlying: underlying)
        }
        guard value is [String: Any], let data = try? JSONSerialization.data(withJSONObject: value) else {
            throw fail("retentionPolicies", "expected an object with a \"version\" and a \"policies\" list")
        }
        do {
            return try RetentionPolicySet(json: data)
        } catch let error as RetentionPolicyError {
            switch error.reason {
            case .invalidPolicy(let index?, _, _), .duplicatePolicy(let index, _):
                throw fail("retentionPolicies.policies[\(index)]", error.message, underlying: error)
            case .missingVersion: throw fail("retentionPolicies.version", error.message, underlying: error)
            default: throw fail("retentionPolicies", error.message, underlying: error)
            }
        } catch {
            throw fail("retentionPolicies", "\(error)", underlying: error)
        }
    }

    /// The configuration as the text of a `vault.json` file: fields in a fixed order, two-space
    /// indents, a final newline.
    public func json() -> String {
        var lines = [
            "  \"format\": \(Self.format)",
            "  \"organisation\": \(JSONText.string(organisation))",
            "  \"purposes\": \(JSONText.list(purposes.map(\.identifier)))",
        ]
        if let retentionDays { lines.append("  \"retentionDays\": \(retentionDays)") }
        // The standard audiences in the order notices name them, then the host's own by name.
        let standard = DisclosureAudience.standard.filter(audiences.contains).map(\.identifier)
        let own = audiences.filter { !DisclosureAudience.standard.contains($0) }.map(\.identifier).sorted()
        let audienceList = standard + own
        lines.append("  \"audiences\": \(JSONText.list(audienceList))")
        lines.append("  \"consentKey\": \(JSONText.string(String(consentKey)))")
        lines.append("  \"declineKey\": \(JSONText.string(String(declineKey)))")
        lines.append("  \"withdrawalKey\": \(withdrawalKey.map { JSONText.string(String($0)) } ?? "null")")
        if let withdrawalContact { lines.append("  \"withdrawalContact\": \(JSONText.contact(withdrawalContact))") }
        if let complaintContact { lines.append("  \"complaintContact\": \(JSONText.contact(complaintContact))") }
        lines.append("  \"defaultLanguage\": \(JSONText.string(defaultLanguage))")
        lines.append("  \"holdOfficers\": \(JSONText.list(holdOfficers.map(\.rawValue)))")
        lines.append("  \"recipients\": \(JSONText.list(additionalRecipients.map(\.description)))")
        lines += decisionLines()
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// The decisions' fields, each only when it differs from the default, so a configuration
    /// without them writes the text it always did.
    private func decisionLines() -> [String] {
        var lines: [String] = []
        if consentSettings != ConsentConfiguration() {
            let settings = consentSettings
            let fields = [
                "\"responseTimeoutSeconds\": \(settings.responseTimeoutSeconds)",
                "\"maximumPrompts\": \(settings.maximumPrompts)",
                "\"inboundDelivery\": \(JSONText.string(ConsentConfiguration.name(settings.inboundDelivery, in: ConsentConfiguration.deliveries)))",
                "\"outboundDelivery\": \(JSONText.string(ConsentConfiguration.name(settings.outboundDelivery, in: ConsentConfiguration.deliveries)))",
                "\"whileAwaitingConsent\": \(JSONText.string(ConsentConfiguration.name(settings.whileAwaitingConsent, in: ConsentConfiguration.awaiting)))",
                "\"onWithdrawal\": \(JSONText.string(ConsentConfiguration.name(settings.onWithdrawal, in: ConsentConfiguration.withdrawals)))",
                "\"explicitConsentEverywhere\": \(settings.explicitConsentEverywhere)",
                "\"mandatoryLines\": \(JSONText.list(settings.mandatoryLines))",
            ]
            lines.append("  \"consentPolicy\": {\n    " + fields.joined(separator: ",\n    ") + "\n  }")
        }
        if !consentCatalogOverrides.isEmpty {
            lines.append("  \"consentCatalogOverrides\": \(JSONText.list(consentCatalogOverrides))")
        }
        if let retentionPolicies {
            // Encoding plain values cannot fail; were it to, the field is written as a value the
            // reader refuses, so the policies are never dropped without a word.
            let text = (try? retentionPolicies.json()).map { String(decoding: $0, as: UTF8.self) }
            let indented = text?.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            lines.append("  \"retentionPolicies\": \(indented ?? "\"(policies that could not be written)\"")")
        }
        if !regimesByLineOfBusiness.isEmpty {
            let entries = regimesByLineOfBusiness.keys.sorted().map { line in
                "\(JSONText.string(line)): \(JSONText.list((regimesByLineOfBusiness[line] ?? []).map(\.rawValue)))"
            }
            lines.append("  \"regimesByLineOfBusiness\": {\n    " + entries.joined(separator: ",\n    ") + "\n  }")
        }
        if simulation { lines.append("  \"simulation\": true") }
        return lines
    }

    private static func summary(of error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = context.underlyingError.map { " \($0.localizedDescription)" } ?? ""
            return context.debugDescription + underlying
        }
        return "\(error)"
    }
}

/// One field of `vault.json` that cannot be read.
private struct FieldProblem: Error {
    let field: String
    let reason: String
    /// The error that made the field unreadable (a CallVault error naming the bad value), if any.
    let underlying: (any Error)?

    init(_ field: String, _ reason: String, underlying: (any Error)? = nil) {
        self.field = field
        self.reason = reason
        self.underlying = underlying
    }
}

/// A key of a JSON object, whatever its name.
private struct JSONKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

/// `vault.json` as decoded: every field checked for its kind, with the field's name in the error.
private struct ConfigurationDocument: Decodable {
    let format: Int
    let configuration: VaultConfiguration

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: JSONKey.self)
        guard let format = try fields.value(Int.self, "format", "the format number, 1") else {
            throw FieldProblem("format", "missing; a vault.json made by this version says \"format\": 1")
        }
        self.format = format
        guard format == VaultConfiguration.format else {
            // The rest may mean something else in another format; the caller reports the format.
            configuration = VaultConfiguration(organisation: "", purposes: [])
            return
        }
        for key in fields.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !VaultConfiguration.fields.contains(key.stringValue) {
            throw FieldProblem(
                key.stringValue,
                "unknown field; a vault.json holds \(VaultConfiguration.fields.joined(separator: ", "))")
        }
        guard let organisation = try fields.value(String.self, "organisation", "the organisation's name as text")
        else { throw FieldProblem("organisation", "missing; give the organisation's name as notices should say it") }
        guard let purposeNames = try fields.value([String].self, "purposes", "a list of purposes") else {
            throw FieldProblem("purposes", "missing; give a list such as [\"quality\", \"dispute-resolution\"]")
        }
        var configuration = VaultConfiguration(
            organisation: organisation,
            purposes: try purposeNames.enumerated().map { index, name in
                do {
                    return try Purpose(name)
                } catch {
                    throw FieldProblem("purposes[\(index)]", "\(error)", underlying: error)
                }
            })
        configuration.retentionDays = try fields.value(Int.self, "retentionDays", "a whole number of days")
        let audiences = try fields.value([String].self, "audiences", "a list of audiences") ?? []
        configuration.audiences = Set(
            try audiences.enumerated().map { index, name in
                do {
                    return try DisclosureAudience(name)
                } catch {
                    throw FieldProblem("audiences[\(index)]", "\(error)", underlying: error)
                }
            })
        configuration.consentKey = try fields.key("consentKey") ?? configuration.consentKey
        configuration.declineKey = try fields.key("declineKey") ?? configuration.declineKey
        if fields.contains(JSONKey("withdrawalKey")) {
            configuration.withdrawalKey = try fields.key("withdrawalKey")
        }
        configuration.withdrawalContact = try fields.contact("withdrawalContact")
        configuration.complaintContact = try fields.contact("complaintContact")
        configuration.defaultLanguage =
            try fields.value(String.self, "defaultLanguage", "a language tag such as \"en\"") ?? "en"
        // Read as written; validate() refuses ids that are not valid, naming the entry.
        let officers = try fields.value([String].self, "holdOfficers", "a list of principal ids") ?? []
        configuration.holdOfficers = officers.map { PrincipalID(recorded: $0) }
        let recipients = try fields.value([String].self, "recipients", "a list of recipients (callvault1...)") ?? []
        configuration.additionalRecipients = try recipients.enumerated().map { index, text in
            do {
                return try Recipient(parsing: text)
            } catch {
                throw FieldProblem("recipients[\(index)]", "\(error)", underlying: error)
            }
        }
        configuration.consentSettings = try fields.consentSettings()
        configuration.consentCatalogOverrides =
            try fields.value([String].self, "consentCatalogOverrides", "a list of file names in the vault's folder")
            ?? []
        let regimes =
            try fields.value(
                [String: [String]].self, "regimesByLineOfBusiness",
                "an object from line of business to a list of regime ids, such as {\"order-desk\": [\"eu-mifid2-16-7\"]}"
            ) ?? [:]
        for (line, ids) in regimes {
            configuration.regimesByLineOfBusiness[line] = try ids.enumerated().map { index, id in
                do {
                    return try RetentionRuleID(id)
                } catch {
                    throw FieldProblem("regimesByLineOfBusiness.\(line)[\(index)]", "\(error)", underlying: error)
                }
            }
        }
        configuration.simulation = try fields.value(Bool.self, "simulation", "true or false") ?? false
        self.configuration = configuration
    }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// The `consentPolicy` object; the defaults when absent or null.
    fileprivate func consentSettings() throws -> ConsentConfiguration {
        do {
            return try consentSettingsUnprefixed()
        } catch let problem as FieldProblem where !problem.field.hasPrefix("consentPolicy") {
            throw FieldProblem("consentPolicy.\(problem.field)", problem.reason, underlying: problem.underlying)
        }
    }

    private func consentSettingsUnprefixed() throws -> ConsentConfiguration {
        var settings = ConsentConfiguration()
        let key = JSONKey("consentPolicy")
        guard contains(key), (try? decodeNil(forKey: key)) != true else { return settings }
        let known = [
            "responseTimeoutSeconds", "maximumPrompts", "inboundDelivery", "outboundDelivery", "whileAwaitingConsent",
            "onWithdrawal", "explicitConsentEverywhere", "mandatoryLines",
        ]
        let object: KeyedDecodingContainer<JSONKey>
        do {
            object = try nestedContainer(keyedBy: JSONKey.self, forKey: key)
        } catch {
            throw FieldProblem("consentPolicy", "expected an object with \(known.joined(separator: ", "))")
        }
        for field in object.allKeys.map(\.stringValue).sorted() where !known.contains(field) {
            throw FieldProblem(
                "consentPolicy.\(field)", "unknown field; consentPolicy holds \(known.joined(separator: ", "))")
        }
        func named<Value>(_ name: String, _ names: [(String, Value)]) throws -> Value? {
            let choices = names.map(\.0).joined(separator: ", ")
            guard let text = try object.value(String.self, name, "one of \(choices)") else { return nil }
            guard let value = names.first(where: { $0.0 == text })?.1 else {
                throw FieldProblem("consentPolicy.\(name)", "'\(text)' is not one of \(choices)")
            }
            return value
        }
        settings.responseTimeoutSeconds =
            try object.value(Int.self, "responseTimeoutSeconds", "a whole number of seconds")
            ?? settings.responseTimeoutSeconds
        settings.maximumPrompts =
            try object.value(Int.self, "maximumPrompts", "a whole number") ?? settings.maximumPrompts
        settings.inboundDelivery =
            try named("inboundDelivery", ConsentConfiguration.deliveries) ?? settings.inboundDelivery
        settings.outboundDelivery =
            try named("outboundDelivery", ConsentConfiguration.deliveries) ?? settings.outboundDelivery
        settings.whileAwaitingConsent =
            try named("whileAwaitingConsent", ConsentConfiguration.awaiting) ?? settings.whileAwaitingConsent
        settings.onWithdrawal = try named("onWithdrawal", ConsentConfiguration.withdrawals) ?? settings.onWithdrawal
        settings.explicitConsentEverywhere =
            try object.value(Bool.self, "explicitConsentEverywhere", "true or false")
            ?? settings.explicitConsentEverywhere
        settings.mandatoryLines =
            try object.value([String].self, "mandatoryLines", "a list of lines of business or queues") ?? []
        return settings
    }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// The field's value, `nil` when it is absent or null.
    fileprivate func value<Value: Decodable>(_ type: Value.Type, _ name: String, _ expected: String) throws
        -> Value?
    {
        let key = JSONKey(name)
        guard contains(key), (try? decodeNil(forKey: key)) != true else { return nil }
        do {
            return try decode(Value.self, forKey: key)
        } catch {
            throw FieldProblem(name, "expected \(expected)")
        }
    }

    /// A one-digit key such as `"1"`; `nil` when absent or null.
    fileprivate func key(_ name: String) throws -> Character? {
        guard let text = try value(String.self, name, "a digit in quotes, such as \"1\"") else { return nil }
        guard text.count == 1, let key = text.first else {
            throw FieldProblem(name, "expected one digit in quotes, such as \"1\", not '\(text)'")
        }
        return key
    }

    /// A contact as `{"website": ...}`, `{"email": ...}` or `{"phone": ...}`.
    fileprivate func contact(_ name: String) throws -> DisclosureContact? {
        let expected = "an object with one of website, email or phone, such as {\"email\": \"privacy@example.com\"}"
        guard let object = try value([String: String].self, name, expected) else { return nil }
        guard object.count == 1, let (channel, address) = object.first else {
            throw FieldProblem(name, "expected \(expected)")
        }
        switch channel {
        case "website": return .website(address)
        case "email": return .email(address)
        case "phone": return .phone(address)
        default: throw FieldProblem(name, "'\(channel)' is not a contact channel; expected \(expected)")
        }
    }
}

/// Writing JSON values as text.
enum JSONText {
    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                escaped +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// A JSON list of strings on one line.
    static func list(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ", ") + "]"
    }

    /// A contact as `{"channel": "address"}`.
    static func contact(_ contact: DisclosureContact) -> String {
        "{\(string(contact.channel.description)): \(string(contact.address))}"
    }
}
